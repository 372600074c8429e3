package pro.dailydoco.sso;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.jose4j.lang.JoseException;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import pro.dailydoco.account.Offboarding;
import pro.dailydoco.account.SessionService;
import pro.dailydoco.account.Tokens;
import pro.dailydoco.audit.AuditEvent;
import pro.dailydoco.audit.AuditLog;
import pro.dailydoco.core.DomainException;
import pro.dailydoco.tenant.ScopedWork;
import pro.dailydoco.tenant.WorkspaceNotFound;

/**
 * OpenID Connect Back-Channel Logout 1.0 for one workspace: the IdP posts a logout token when a person's IdP session
 * ends (signed out there, signed out by an admin, deprovisioned). We verify it ourselves, because our sessions are
 * our own (quarkus-oidc's back-channel support ends only its own cookie sessions): signature by the IdP's keys
 * (fetched through the guarded discovery), {@code iss}, {@code aud}, a recent {@code iat}, the back-channel
 * {@code events} member, {@code sid} or {@code sub}, no {@code nonce}, and a {@code jti} never seen before. A token
 * with a {@code sid} ends the sessions that IdP session started; one with only a {@code sub} ends the person's access
 * to the workspace (docs/decisions/0136-back-channel-logout-verified-by-us.md).
 */
@ApplicationScoped
public class SsoBackChannelLogout {

    static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";
    /** How old a logout token may be; the IdP sends it the moment the session ends. */
    static final Duration MAX_AGE = Duration.ofMinutes(5);
    private static final int CLOCK_SKEW_SECONDS = 60;
    /** A key set is fetched again for an unknown key at most this often, so bad tokens can't make us hammer the IdP. */
    private static final Duration REFETCH_AFTER = Duration.ofSeconds(30);
    private static final String[] ASYMMETRIC = { "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512" };

    /** The token was refused; {@code reason} is a code for the audit entry, the message says why in words. */
    public static class Rejected extends DomainException {
        private final String reason;

        Rejected(String reason, String detail) {
            super(400, "Logout token refused", detail);
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    private record Keys(String jwksUri, JsonWebKeySet set, Instant fetchedAt) {
    }

    private final SsoSettingsService settings;
    private final SsoTenantConfigResolver resolver;
    private final DiscoveryProbe discovery;
    private final SessionService sessions;
    private final Offboarding offboarding;
    private final ScopedWork scopedWork;
    private final AuditLog auditLog;
    private final EntityManager entityManager;
    private final Clock clock;
    private final Map<UUID, Keys> keys = new ConcurrentHashMap<>();

    SsoBackChannelLogout(SsoSettingsService settings, SsoTenantConfigResolver resolver, DiscoveryProbe discovery,
            SessionService sessions, Offboarding offboarding, ScopedWork scopedWork, AuditLog auditLog,
            EntityManager entityManager, Clock clock) {
        this.settings = settings;
        this.resolver = resolver;
        this.discovery = discovery;
        this.sessions = sessions;
        this.offboarding = offboarding;
        this.scopedWork = scopedWork;
        this.auditLog = auditLog;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /**
     * Verifies the logout token and ends the sessions it names, on every instance (sessions live in PostgreSQL).
     *
     * @return how many people lost sessions (0 is a success too: they may have signed out already)
     * @throws Rejected when the token is not a valid, fresh logout token of this workspace's IdP (audited)
     * @throws WorkspaceNotFound when the workspace offers no single sign-on
     */
    public int receive(String slug, String logoutToken) {
        SsoSettings s = settings.forSlug(slug).filter(settings::isUsable).orElseThrow(WorkspaceNotFound::new);
        try {
            JwtClaims claims = verify(s, logoutToken);
            return endSessions(s, claims);
        } catch (Rejected e) {
            auditLog.recordSecurityEvent(AuditEvent.anonymous("sso.back-channel-logout").subjectTenant(s.tenantId())
                    .denied().detail("reason", e.reason()).build());
            throw e;
        }
    }

    private JwtClaims verify(SsoSettings s, String token) {
        if (token == null || token.isBlank()) {
            throw new Rejected("missing-token", "Send the logout token as the form field logout_token.");
        }
        if (!(resolver.resolution(s.slug()) instanceof SsoTenantConfigResolver.Resolution.Ready ready)
                || ready.config().jwksPath().isEmpty()) {
            throw new Rejected("idp-unavailable", "The workspace's identity provider can't be checked right now.");
        }
        String jwksUri = ready.config().jwksPath().get();
        Keys current = keysFor(s.tenantId(), jwksUri, false);
        JwtClaims claims;
        try {
            claims = consume(s, current, token);
        } catch (InvalidJwtException first) {
            // The IdP may have rotated its keys since we fetched them: fetch once more (not too often), then decide.
            if (!clock.instant().isAfter(current.fetchedAt().plus(REFETCH_AFTER))) {
                throw invalid(first);
            }
            try {
                claims = consume(s, keysFor(s.tenantId(), jwksUri, true), token);
            } catch (InvalidJwtException second) {
                throw invalid(second);
            }
        }
        try {
            if (!(claims.getClaimValue("events") instanceof Map<?, ?> events) || !events.containsKey(EVENT)) {
                throw new Rejected("not-a-logout-token", "The token has no back-channel logout event.");
            }
            if (claims.hasClaim("nonce")) {
                throw new Rejected("nonce-present", "A logout token must not carry a nonce.");
            }
            if (claims.getSubject() == null && claims.getStringClaimValue("sid") == null) {
                throw new Rejected("no-subject", "The token names neither a session (sid) nor a person (sub).");
            }
        } catch (MalformedClaimException e) {
            throw new Rejected("malformed-claim", "The token's claims are malformed.");
        }
        return claims;
    }

    private JwtClaims consume(SsoSettings s, Keys keys, String token) throws InvalidJwtException {
        return new JwtConsumerBuilder()
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(keys.set().getJsonWebKeys()))
                // Only the IdP's own (asymmetric) keys: never "none", never a key anyone holding the client secret has.
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, ASYMMETRIC)
                .setExpectedIssuer(s.issuer())
                .setExpectedAudience(s.clientId())
                .setRequireIssuedAt()
                .setIssuedAtRestrictions(CLOCK_SKEW_SECONDS, (int) MAX_AGE.toSeconds())
                .setAllowedClockSkewInSeconds(CLOCK_SKEW_SECONDS)
                .setRequireJwtId()
                .setEvaluationTime(org.jose4j.jwt.NumericDate.fromMilliseconds(clock.millis()))
                .build()
                .processToClaims(token);
    }

    private static Rejected invalid(InvalidJwtException e) {
        // The details (which check failed) stay in the log; the token itself never goes there.
        Log.infof("Back-channel logout token refused: %s", e.getErrorDetails().stream().map(d -> d.getErrorMessage())
                .map(m -> m.replaceAll("eyJ[A-Za-z0-9_.-]+", "[token]")).toList());
        return new Rejected("token-invalid", "The logout token is not valid for this workspace (signature, issuer, audience"
                + " or age).");
    }

    private Keys keysFor(UUID tenantId, String jwksUri, boolean refresh) {
        Keys cached = keys.get(tenantId);
        if (!refresh && cached != null && cached.jwksUri().equals(jwksUri)) {
            return cached;
        }
        try {
            // A network call: made before the transaction below, never inside it.
            JsonWebKeySet set = new JsonWebKeySet(new String(discovery.fetchKeys(jwksUri), StandardCharsets.UTF_8));
            Keys fetched = new Keys(jwksUri, set, clock.instant());
            keys.put(tenantId, fetched);
            return fetched;
        } catch (IOException | JoseException e) {
            Log.warnf("Keys of tenant %s for back-channel logout could not be fetched: %s", tenantId, e.getMessage());
            throw new Rejected("keys-unavailable", "The identity provider's keys could not be fetched.");
        }
    }

    private int endSessions(SsoSettings s, JwtClaims claims) {
        UUID tenantId = s.tenantId();
        String jti;
        String sub;
        String sid;
        Instant issuedAt;
        try {
            jti = claims.getJwtId();
            sub = claims.getSubject();
            sid = claims.getStringClaimValue("sid");
            issuedAt = Instant.ofEpochSecond(claims.getIssuedAt().getValue());
        } catch (MalformedClaimException e) {
            throw new Rejected("malformed-claim", "The token's claims are malformed.");
        }
        return scopedWork.call(tenantId, null, () -> {
            entityManager.createNativeQuery("delete from sso_logout_token where tenant_id = ?1 and expires_at < ?2")
                    .setParameter(1, tenantId).setParameter(2, clock.instant()).executeUpdate();
            int fresh = entityManager.createNativeQuery("""
                    insert into sso_logout_token (tenant_id, jti_hash, expires_at) values (?1, ?2, ?3)
                    on conflict do nothing""")
                    .setParameter(1, tenantId).setParameter(2, Tokens.sha256(jti))
                    .setParameter(3, issuedAt.plus(MAX_AGE).plusSeconds(2L * CLOCK_SKEW_SECONDS)).executeUpdate();
            if (fresh == 0) {
                throw new Rejected("replayed", "This logout token was used already.");
            }
            UUID userId = sub == null ? null : SsoIdentity.find(s.issuer(), sub).map(i -> i.userId).orElse(null);
            if (sid == null) {
                // Every session of the person at the IdP ended: so does their access to this workspace.
                return userId == null ? 0 : offboarding.endAccess(tenantId, userId, Offboarding.Cause.IDP_LOGOUT);
            }
            List<UUID> owners = sessions.endIdpSession(tenantId, sid, userId);
            for (UUID owner : owners) {
                auditLog.record(tenantId, AuditEvent.system("sso.back-channel-logout").subjectTenant(tenantId)
                        .target("user", owner.toString()).build());
            }
            return owners.size();
        });
    }
}
