package pro.dailydoco.api;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import pro.dailydoco.account.Tokens;
import pro.dailydoco.audit.AuditEvent;
import pro.dailydoco.audit.AuditLog;
import pro.dailydoco.core.DomainException;
import pro.dailydoco.core.InvalidInput;
import pro.dailydoco.core.Text;

/**
 * A workspace's API keys: created, rotated and revoked by its owners and admins, each change audited. A key reads
 * {@code ddk_live_<prefix>_<secret>}; only the SHA-256 of the whole key is stored, with the prefix in clear
 * (docs/decisions/0183-api-keys.md). Every method runs in the workspace in context.
 */
@ApplicationScoped
public class ApiKeys {

    /** Marks the secret as ours, so secret scanners and people can tell what a leaked string is. */
    public static final String KEY_START = "ddk_live_";
    static final int PREFIX_LENGTH = 12;
    static final int NAME_MAX = 80;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A key as shown once, right after it was made. */
    public record Created(UUID id, String key, String prefix) {
    }

    /** The parts of a presented key, before anything is looked up. */
    record Presented(String prefix, String secretHash) {
    }

    private final AuditLog auditLog;
    private final ApiConfig config;
    private final Clock clock;

    ApiKeys(AuditLog auditLog, ApiConfig config, Clock clock) {
        this.auditLog = auditLog;
        this.config = config;
        this.clock = clock;
    }

    /** Creates a key with a name and scopes; the key is returned once and never stored. */
    @Transactional
    public Created create(UUID tenantId, UUID actorUserId, String name, Set<ApiScope> scopes) {
        String cleanName = name(name);
        if (scopes == null || scopes.isEmpty()) {
            throw InvalidInput.of("scopes", "Choose at least one scope.");
        }
        Instant now = clock.instant();
        Issued issued = issue(tenantId, actorUserId, cleanName, scopes, now);
        auditLog.record(tenantId, AuditEvent.user(actorUserId, "api-key.created").subjectTenant(tenantId)
                .target("api-key", issued.key.id.toString()).detail("prefix", issued.key.prefix).detail("name", cleanName)
                .detail("scopes", String.join(",", issued.key.scopes)).build());
        return new Created(issued.key.id, issued.secret, issued.key.prefix);
    }

    /**
     * Replaces a live key by a new one with the same name and scopes; the old key keeps working for {@code grace}
     * (zero: stops at once), so the systems using it can move over without an outage.
     */
    @Transactional
    public Created rotate(UUID tenantId, UUID actorUserId, UUID keyId, Duration grace) {
        Instant now = clock.instant();
        ApiKey old = live(keyId, now);
        if (grace == null || grace.isNegative() || grace.compareTo(config.maxRotationGrace()) > 0) {
            throw InvalidInput.of("grace", "Choose a grace period between none and "
                    + config.maxRotationGrace().toDays() + " days.");
        }
        Issued issued = issue(tenantId, actorUserId, old.name, EnumSet.copyOf(old.scopeList()), now);
        old.expiresAt = now.plus(grace);
        old.replacedBy = issued.key.id;
        auditLog.record(tenantId, AuditEvent.user(actorUserId, "api-key.rotated").subjectTenant(tenantId)
                .target("api-key", old.id.toString()).detail("prefix", old.prefix).detail("new-prefix", issued.key.prefix)
                .detail("grace-seconds", grace.toSeconds()).build());
        return new Created(issued.key.id, issued.secret, issued.key.prefix);
    }

    /** Revokes a key at once, on every instance: the next request with it gets 401. */
    @Transactional
    public ApiKey revoke(UUID tenantId, UUID actorUserId, UUID keyId) {
        ApiKey key = live(keyId, clock.instant());
        key.revokedAt = clock.instant();
        auditLog.record(tenantId, AuditEvent.user(actorUserId, "api-key.revoked").subjectTenant(tenantId)
                .target("api-key", key.id.toString()).detail("prefix", key.prefix).build());
        return key;
    }

    /** The workspace's keys, newest first, revoked and expired ones included (the page shows their state). */
    @Transactional
    public List<ApiKey> list() {
        return ApiKey.newestFirst();
    }

    @Transactional
    public ApiKey get(UUID keyId) {
        ApiKey key = ApiKey.findById(keyId);
        if (key == null) {
            throw DomainException.notFound("There is no such API key in this workspace.");
        }
        return key;
    }

    /**
     * Splits {@code ddk_live_<prefix>_<secret>}; null when the text is not shaped like a key (nothing is looked up
     * then). The hash covers the whole key, so the prefix can't be swapped between keys.
     */
    static Presented parse(String bearer) {
        if (bearer == null || bearer.length() > 200 || !bearer.startsWith(KEY_START)) {
            return null;
        }
        int end = KEY_START.length() + PREFIX_LENGTH;
        if (bearer.length() < end + 20 || bearer.charAt(end) != '_') {
            return null;
        }
        String prefix = bearer.substring(KEY_START.length(), end);
        if (!prefix.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return null;
        }
        return new Presented(prefix, Tokens.sha256(bearer));
    }

    private record Issued(ApiKey key, String secret) {
    }

    private Issued issue(UUID tenantId, UUID actorUserId, String name, Set<ApiScope> scopes, Instant now) {
        byte[] random = new byte[PREFIX_LENGTH / 2];
        RANDOM.nextBytes(random);
        String prefix = HexFormat.of().formatHex(random);
        String secret = KEY_START + prefix + "_" + Tokens.newToken();
        ApiKey key = new ApiKey();
        key.id = UUID.randomUUID();
        key.tenantId = tenantId.toString();
        key.name = name;
        key.prefix = prefix;
        key.secretHash = Tokens.sha256(secret);
        key.scopes = scopes.stream().sorted().map(Enum::name).toArray(String[]::new);
        key.createdByUserId = actorUserId;
        key.createdAt = now;
        key.persist();
        return new Issued(key, secret);
    }

    private ApiKey live(UUID keyId, Instant now) {
        ApiKey key = get(keyId);
        if (!key.liveAt(now)) {
            throw DomainException.conflict("This key is already revoked or expired; nothing was changed.");
        }
        return key;
    }

    private static String name(String name) {
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty()) {
            throw InvalidInput.of("name", "Give the key a name, e.g. the system that will use it.");
        }
        if (Text.characters(clean) > NAME_MAX) {
            throw InvalidInput.of("name", "Keep the name to " + NAME_MAX + " characters.");
        }
        return clean;
    }
}
