package pro.dailydoco.account.team;

import java.time.Instant;
import java.util.UUID;

import org.hibernate.annotations.TenantId;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import pro.dailydoco.account.Role;

/** An invitation to join a workspace: single-use link, stored hashed, expires after 7 days. Tenant scope. */
@Entity
@Table(name = "invitation")
public class Invitation extends PanacheEntityBase {

    @Id
    public UUID id;

    @TenantId
    @Column(name = "tenant_id")
    public String tenantId;

    public String email;

    @Enumerated(EnumType.STRING)
    public Role role;

    @Column(name = "token_hash")
    public String tokenHash;

    @Column(name = "invited_by_user_id")
    public UUID invitedByUserId;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "accepted_at")
    public Instant acceptedAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    public boolean isPending(Instant now) {
        return acceptedAt == null && revokedAt == null && now.isBefore(expiresAt);
    }

    public String state(Instant now) {
        if (acceptedAt != null) {
            return "Accepted";
        }
        if (revokedAt != null) {
            return "Revoked";
        }
        return now.isBefore(expiresAt) ? "Pending" : "Expired";
    }
}
