package pro.dailydoco.sso;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import pro.dailydoco.audit.AuditEvent;
import pro.dailydoco.audit.AuditLog;
import pro.dailydoco.tenant.ScopedWork;
import pro.dailydoco.tenant.Tenant;

/**
 * Every way an SSO sign-in can fail ends on one clear page and one audit entry: the IdP's own errors (consent
 * denied, …) and quarkus-oidc's refusals (state or PKCE mismatch, ID token with a wrong issuer or audience,
 * expired, or not signed by the IdP's keys).
 */
@ApplicationScoped
public class SsoFailures {

    private static final Pattern CLAIMS = Pattern.compile("JWT \\(claims->.*\\) rejected", Pattern.DOTALL);
    private static final Pattern COMPACT_TOKEN = Pattern.compile("eyJ[A-Za-z0-9_-]*(\\.[A-Za-z0-9_-]*)+");
    private static final Pattern SSO_PATH = Pattern.compile("^/t/([a-z0-9-]+)/sso(/.*)?$");
    private static final Map<String, String> IDP_ERRORS = Map.of(
            "access_denied", "You (or your identity provider) declined the sign-in, so you were not signed in.",
            "login_required", "Your identity provider needs you to sign in first.",
            "consent_required", "Your identity provider needs your consent before you can sign in here.",
            "interaction_required", "Your identity provider needs you to complete a step before signing in.",
            "temporarily_unavailable", "Your identity provider is temporarily unavailable. Try again in a few minutes.",
            "server_error", "Your identity provider had an error. Try again, or contact your IT team.");

    private final ScopedWork scopedWork;
    private final AuditLog auditLog;

    SsoFailures(ScopedWork scopedWork, AuditLog auditLog) {
        this.scopedWork = scopedWork;
        this.auditLog = auditLog;
    }

    Response fromIdentityProvider(String slug, String error, String description) {
        String code = error == null || error.isBlank() ? "unknown" : error.replaceAll("[^a-z_]", "");
        audit(slug, "idp-" + code);
        String message = IDP_ERRORS.getOrDefault(code, "Your identity provider refused the sign-in (" + code + ").");
        return page(401, slug, "Single sign-on did not complete", message);
    }

    Response page(int status, String slug, String title, String message) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE)
                .entity(SsoResource.Templates.failed(slug, title, message)).build();
    }

    // Not UnauthorizedException: Quarkus turns that one into the challenge (the redirect to the IdP).
    @ServerExceptionMapper({ AuthenticationFailedException.class, AuthenticationCompletionException.class })
    public Uni<Response> authenticationFailed(RuntimeException e, UriInfo uriInfo) {
        Matcher sso = SSO_PATH.matcher(uriInfo.getPath());
        if (!sso.matches()) {
            return Uni.createFrom().item(page(401, null, "Please sign in", "Sign in to continue."));
        }
        String slug = sso.group(1);
        // The reason stays in the log; the person gets one clear message.
        Log.infof("SSO sign-in to %s refused: %s %s", slug, e.getClass().getSimpleName(), withoutClaims(e.getMessage()));
        // Authentication fails on the I/O thread; the audit entry is database work.
        return Uni.createFrom().item(() -> refusedPage(slug)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** quarkus-oidc's refusal quotes the ID token (its claims: email, name): no personal data in our logs. */
    static String withoutClaims(String message) {
        return message == null ? null
                : COMPACT_TOKEN.matcher(CLAIMS.matcher(message).replaceAll("JWT rejected")).replaceAll("[token]");
    }

    /**
     * The workspace's identity provider can't be used as configured: its discovery document could not be fetched,
     * or names an endpoint at an address the server does not call. 502: the fault is upstream, not the person's.
     */
    /** The IdP failed its guarded check; audited when it was just checked (once a minute at most, not per request). */
    Response identityProviderRefused(String slug, UUID tenantId, boolean justChecked) {
        if (justChecked) {
            scopedWork.run(tenantId, null, () -> auditLog.record(tenantId, AuditEvent.anonymous("sso.login")
                    .subjectTenant(tenantId).outcome(AuditEvent.Outcome.FAILURE)
                    .detail("reason", "idp-configuration-refused").build()));
        }
        return page(502, slug, "Single sign-on is not working",
                "This workspace's identity provider can't be reached safely as it is configured, so you were not signed in. "
                        + "Ask your workspace admin to open the SSO settings and use \"Test connection\".");
    }

    /** A third-party initiated sign-in named another issuer than the workspace's: not followed, audited. */
    Response initiatedByAnotherIssuer(String slug, UUID tenantId) {
        scopedWork.run(tenantId, null, () -> auditLog.record(tenantId, AuditEvent.anonymous("sso.login")
                .subjectTenant(tenantId).denied().detail("reason", "initiating-issuer-mismatch").build()));
        return page(400, slug, "This sign-in link is not for this workspace",
                "The link names another identity provider than the one this workspace signs in with, so we did not follow "
                        + "it. Use your company's own \"Sign in with SSO\" link, or ask your workspace admin.");
    }

    private Response refusedPage(String slug) {
        audit(slug, "token-refused");
        return page(401, slug, "Single sign-on did not complete",
                "We could not verify the answer from your identity provider (it may have expired, come from the wrong "
                        + "provider, or been altered), so you were not signed in. Start again; if it keeps happening, "
                        + "ask your workspace admin to check the SSO settings.");
    }

    private void audit(String slug, String reason) {
        Optional<UUID> tenantId = scopedWork.asTenant(null, () -> Tenant.findBySlug(slug).map(t -> t.id));
        tenantId.ifPresent(id -> scopedWork.run(id, null, () -> auditLog.record(id,
                AuditEvent.anonymous("sso.login").subjectTenant(id).outcome(AuditEvent.Outcome.FAILURE)
                        .detail("reason", reason).build())));
    }
}
