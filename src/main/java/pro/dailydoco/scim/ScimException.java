package pro.dailydoco.scim;

import pro.dailydoco.core.DomainException;

/**
 * A SCIM request refused, answered in SCIM's error format (RFC 7644 §3.12) by {@link ScimErrors} rather than as the
 * application's error page: the HTTP status, a {@code scimType} when the RFC names one for the case, and a detail a
 * directory administrator can act on. Never carries a stack trace.
 */
public class ScimException extends DomainException {

    private final String scimType;

    public ScimException(int status, String scimType, String detail) {
        super(status, "SCIM request refused", detail);
        this.scimType = scimType;
    }

    /** One of RFC 7644's scimType keywords, or null. */
    public String scimType() {
        return scimType;
    }

    public static ScimException invalidSyntax(String detail) {
        return new ScimException(400, "invalidSyntax", detail);
    }

    public static ScimException invalidValue(String detail) {
        return new ScimException(400, "invalidValue", detail);
    }

    public static ScimException invalidFilter(String detail) {
        return new ScimException(400, "invalidFilter", detail);
    }

    public static ScimException invalidPath(String detail) {
        return new ScimException(400, "invalidPath", detail);
    }

    public static ScimException mutability(String detail) {
        return new ScimException(400, "mutability", detail);
    }

    public static ScimException uniqueness(String detail) {
        return new ScimException(409, "uniqueness", detail);
    }

    public static ScimException notFound(String detail) {
        return new ScimException(404, null, detail);
    }

    public static ScimException unauthorized() {
        return new ScimException(401, null,
                "The bearer token is missing, revoked, or not a SCIM token of this workspace. Create one on the workspace's SCIM page.");
    }

    public static ScimException versionMismatch() {
        return new ScimException(412, null,
                "The resource changed since you read it (its version no longer matches If-Match). Read it again, then retry.");
    }
}
