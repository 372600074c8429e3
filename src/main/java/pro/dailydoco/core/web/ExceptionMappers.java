package pro.dailydoco.core.web;

import java.util.UUID;
import java.util.stream.Collectors;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.logging.Log;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import pro.dailydoco.core.DomainException;

/** The one layer that turns exceptions into error pages or problem documents. */
public class ExceptionMappers {

    /** Long enough for a fail-over or restart to finish; Stripe and browsers both honour it. */
    static final String RETRY_AFTER_SECONDS = "5";

    private final ErrorResponses errors;

    ExceptionMappers(ErrorResponses errors) {
        this.errors = errors;
    }

    @ServerExceptionMapper
    public Response domain(DomainException e, HttpHeaders headers) {
        return errors.render(e.status(), e.title(), e.detail(), null, accept(headers)).toResponse();
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, HttpHeaders headers) {
        String detail = e.getConstraintViolations().stream()
                .map(v -> v.getMessage())
                .sorted()
                .collect(Collectors.joining(" "));
        return errors.render(400, "Please check your input", detail, null, accept(headers)).toResponse();
    }

    @ServerExceptionMapper
    public Response badNumber(WholeNumberParameters.BadNumber e, HttpHeaders headers) {
        return errors.render(400, "Please check the address", e.getMessage(), null, accept(headers)).toResponse();
    }

    /**
     * A request the framework could not decode: a broken percent escape ({@code %}, {@code %zz}) in a form or query,
     * or a form in a character set Java doesn't know. The client's mistake, so a 400 (415 for the character set) and
     * no stack trace in the log; any other IllegalArgumentException is still ours (docs/decisions/0090-input-rules.md).
     */
    @ServerExceptionMapper
    public Response undecodable(IllegalArgumentException e, HttpHeaders headers) {
        return switch (RequestDecoding.failureOf(e)) {
            case PERCENT_ESCAPE -> errors.render(400, "Please check what you sent",
                    "Part of the request is not correctly encoded: a percent sign (%) must be followed by two "
                            + "hexadecimal digits, and a percent sign itself is sent as %25. Nothing was changed.",
                    null, accept(headers)).toResponse();
            case CHARACTER_SET -> errors.render(415, titleFor(415),
                    "The form names a character set this site does not read. Send it as UTF-8. Nothing was changed.",
                    null, accept(headers)).toResponse();
            case NONE -> unexpected(e, headers);
        };
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpHeaders headers) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, headers);
        }
        if (status < 400) {
            return e.getResponse();
        }
        return errors.render(status, titleFor(status), detailFor(status), null, accept(headers)).toResponse();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, HttpHeaders headers) {
        if (RequestDecoding.isUnstorableText(e)) {
            // The input rules refuse control characters before any resource runs; text that still reaches the
            // database (not through a form, query or path) and is refused there is the client's 400, not our 500.
            // The failed statement's transaction has rolled back.
            Log.warnf("Text refused by the database (%s); answered 400", RequestDecoding.sqlState(e));
            return errors.render(400, "Please check your input",
                    "Part of what you sent contains characters that can't be stored, so it was not saved.", null,
                    accept(headers)).toResponse();
        }
        if (DatabaseOutage.isCauseOf(e)) {
            // One line, no stack trace: an outage is an operations event, and every request during it says so.
            Log.warnf("Database unavailable (%s); answered 503", RequestDecoding.sqlState(e));
            Response answer = errors.render(503, "Back in a moment",
                    "We couldn't reach our database just now, so nothing was changed. Please try again in a few "
                            + "seconds.",
                    null, accept(headers)).toResponse();
            return Response.fromResponse(answer).header("Retry-After", RETRY_AFTER_SECONDS).build();
        }
        String reference = UUID.randomUUID().toString().substring(0, 8);
        Log.errorf(e, "Unexpected error (reference %s)", reference);
        return errors.render(500, "Something went wrong",
                "Something went wrong on our side and nothing was changed. Please try again; if it keeps happening, "
                        + "contact support with the reference below.",
                reference, accept(headers)).toResponse();
    }

    private static String accept(HttpHeaders headers) {
        return headers == null ? null : headers.getHeaderString(HttpHeaders.ACCEPT);
    }

    static String titleFor(int status) {
        return switch (status) {
            case 400 -> "Bad request";
            case 401 -> "Please sign in";
            case 403 -> "Forbidden";
            case 404 -> "Page not found";
            case 405 -> "Method not allowed";
            case 406 -> "Not acceptable";
            case 409 -> "Conflict";
            case 413 -> "Request too large";
            case 415 -> "Unsupported content type";
            case 429 -> "Too many requests";
            default -> "Request refused";
        };
    }

    static String detailFor(int status) {
        return switch (status) {
            case 404 -> "There is nothing at this address. Check the link, or go back to the home page.";
            case 405 -> "This address does not accept that kind of request.";
            case 415 -> "The request body is not in a format this address accepts.";
            case 400 -> "The request could not be understood. Please check what you sent and try again.";
            default -> "The request could not be completed.";
        };
    }
}
