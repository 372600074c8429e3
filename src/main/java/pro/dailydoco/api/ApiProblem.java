package pro.dailydoco.api;

import java.util.LinkedHashMap;
import java.util.Map;

import pro.dailydoco.core.DomainException;

/**
 * An API request refused before or by an endpoint, answered as {@code application/problem+json} (RFC 9457) with a
 * {@code type} a client can switch on and, where the refusal says when to come back, its headers (Retry-After).
 */
public class ApiProblem extends DomainException {

    static final String TYPE_BASE = "https://dailydoco.pro/problems/";

    private final String type;
    private final Map<String, String> headers;

    public ApiProblem(int status, String type, String title, String detail, Map<String, String> headers) {
        super(status, title, detail);
        this.type = type;
        this.headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public ApiProblem(int status, String type, String title, String detail) {
        this(status, type, title, detail, null);
    }

    public String type() {
        return TYPE_BASE + type;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** One answer for a missing, malformed, unknown, revoked or expired key: it tells nobody which. */
    public static ApiProblem unauthorized() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("WWW-Authenticate", "Bearer realm=\"DailyDoco API\"");
        return new ApiProblem(401, "invalid-key", "Invalid API key",
                "Send a live API key of your workspace as 'Authorization: Bearer ddk_live_…'. Keys are made on the"
                        + " workspace's API keys page.", headers);
    }
}
