package pro.dailydoco.core;

/**
 * A rule the caller broke or a thing that is not there, with the HTTP status and a message a person can act on.
 * The web layer renders it as an HTML page or {@code application/problem+json}; it never carries a stack trace
 * to the client.
 */
public class DomainException extends RuntimeException {

    private final int status;
    private final String title;

    public DomainException(int status, String title, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public static DomainException notFound(String detail) {
        return new DomainException(404, "Not found", detail);
    }

    public static DomainException forbidden(String detail) {
        return new DomainException(403, "Forbidden", detail);
    }

    public static DomainException badRequest(String detail) {
        return new DomainException(400, "Bad request", detail);
    }

    public static DomainException conflict(String detail) {
        return new DomainException(409, "Conflict", detail);
    }
}
