package pro.dailydoco.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.TenantId;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A workspace's API key: its name, scopes, the SHA-256 of its secret and its visible prefix, never the secret
 * (docs/decisions/0183-api-keys.md).
 */
@Entity
@Table(name = "api_key")
public class ApiKey extends PanacheEntityBase {

    @Id
    public UUID id;

    @TenantId
    @Column(name = "tenant_id")
    public String tenantId;

    public String name;

    /** The random part after {@code ddk_live_}, shown on the page and in audit entries. */
    public String prefix;

    @Column(name = "secret_hash")
    public String secretHash;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] scopes;

    @Column(name = "created_by_user_id")
    public UUID createdByUserId;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "last_used_at")
    public Instant lastUsedAt;

    @Column(name = "last_used_address")
    public String lastUsedAddress;

    /** Set when the key was rotated: it keeps working until then. */
    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "replaced_by")
    public UUID replacedBy;

    public boolean liveAt(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }

    public List<ApiScope> scopeList() {
        return java.util.Arrays.stream(scopes).map(s -> ApiScope.valueOf(s)).toList();
    }

    /** The workspace's keys, newest first (the workspace in context). */
    static List<ApiKey> newestFirst() {
        return list("order by createdAt desc, id");
    }
}
