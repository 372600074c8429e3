package pro.dailydoco.scim;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.hibernate.annotations.TenantId;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A workspace's SCIM bearer token: only its SHA-256 and a visible prefix are kept (docs/decisions/0140-scim-tokens.md). */
@Entity
@Table(name = "scim_token")
public class ScimToken extends PanacheEntityBase {

    @Id
    public UUID id;

    @TenantId
    @Column(name = "tenant_id")
    public String tenantId;

    @Column(name = "token_hash")
    public String tokenHash;

    /** The first characters of the token, shown on the page so admins can tell which one a directory holds. */
    public String prefix;

    @Column(name = "created_by_user_id")
    public UUID createdByUserId;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "last_used_at")
    public Instant lastUsedAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    /** The live token of the workspace in context. */
    static Optional<ScimToken> live() {
        return find("revokedAt is null").firstResultOptional();
    }

    /** The live token with this hash in the workspace in context (another workspace's token is not even seen). */
    static Optional<ScimToken> liveByHash(String hash) {
        return find("tokenHash = ?1 and revokedAt is null", hash).firstResultOptional();
    }
}
