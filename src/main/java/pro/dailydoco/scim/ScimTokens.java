package pro.dailydoco.scim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import pro.dailydoco.account.Tokens;
import pro.dailydoco.audit.AuditEvent;
import pro.dailydoco.audit.AuditLog;

/**
 * The workspace's SCIM bearer token: created (or rotated) and revoked by its admins, checked on every SCIM request.
 * Only the SHA-256 of the token is stored — a 256-bit random secret needs no slow hash, as for sessions and mailed
 * links — with a visible prefix. One live token per workspace: a new one revokes the old one at once
 * (docs/decisions/0140-scim-tokens.md). Every method runs in the workspace in context.
 */
@ApplicationScoped
public class ScimTokens {

    /** Marks the secret as ours, so secret scanners and people can tell what a leaked string is. */
    static final String TOKEN_START = "ddscim_";
    private static final int PREFIX_LENGTH = TOKEN_START.length() + 6;
    private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

    /** A token as shown once, right after it was made. */
    public record Created(String token, String prefix) {
    }

    /** What the SCIM page shows of the live token: never the secret. */
    public record Shown(String prefix, Instant createdAt, Instant lastUsedAt) {
    }

    private final AuditLog auditLog;
    private final Clock clock;

    ScimTokens(AuditLog auditLog, Clock clock) {
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /** Creates the workspace's token, revoking the live one if any (rotation); the secret is returned, never stored. */
    @Transactional
    public Created rotate(UUID tenantId, UUID actorUserId) {
        Instant now = clock.instant();
        Optional<ScimToken> previous = ScimToken.live();
        previous.ifPresent(old -> {
            old.revokedAt = now;
            // The unique index on the live token per workspace is checked per statement: revoke first.
            ScimToken.flush();
        });
        String secret = TOKEN_START + Tokens.newToken();
        ScimToken token = new ScimToken();
        token.id = UUID.randomUUID();
        token.tenantId = tenantId.toString();
        token.tokenHash = Tokens.sha256(secret);
        token.prefix = secret.substring(0, PREFIX_LENGTH);
        token.createdByUserId = actorUserId;
        token.createdAt = now;
        token.persist();
        auditLog.record(tenantId, AuditEvent.user(actorUserId, previous.isPresent() ? "scim.token-rotated" : "scim.token-created")
                .subjectTenant(tenantId).target("scim-token", token.id.toString()).detail("prefix", token.prefix)
                .detail("revoked", previous.map(p -> p.prefix).orElse("none")).build());
        return new Created(secret, token.prefix);
    }

    /** Revokes the live token: provisioning stops until a new one is made. Returns false when there was none. */
    @Transactional
    public boolean revoke(UUID tenantId, UUID actorUserId) {
        ScimToken live = ScimToken.live().orElse(null);
        if (live == null) {
            return false;
        }
        live.revokedAt = clock.instant();
        auditLog.record(tenantId, AuditEvent.user(actorUserId, "scim.token-revoked").subjectTenant(tenantId)
                .target("scim-token", live.id.toString()).detail("prefix", live.prefix).build());
        return true;
    }

    @Transactional
    public Optional<Shown> live() {
        return ScimToken.live().map(t -> new Shown(t.prefix, t.createdAt, t.lastUsedAt));
    }

    /**
     * The live token of the workspace in context that {@code bearer} is, if any; its last use is recorded at most once a
     * minute. Another workspace's token is not found: the lookup runs under this workspace's row-level security.
     */
    @Transactional
    Optional<ScimToken> authenticate(String bearer) {
        if (bearer == null || !bearer.startsWith(TOKEN_START) || bearer.length() > 200) {
            return Optional.empty();
        }
        Optional<ScimToken> token = ScimToken.liveByHash(Tokens.sha256(bearer));
        Instant now = clock.instant();
        token.filter(t -> t.lastUsedAt == null || Duration.between(t.lastUsedAt, now).compareTo(TOUCH_INTERVAL) >= 0)
                .ifPresent(t -> t.lastUsedAt = now);
        return token;
    }
}
