package pro.dailydoco.account;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A user's place in a workspace. Read both ways — a workspace's team and a user's workspaces — so it carries no
 * {@code @TenantId}; its policy admits rows of the tenant in context OR of the user in context, and every lookup
 * by id below names the tenant explicitly.
 */
@Entity
@Table(name = "membership")
public class Membership extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "tenant_id")
    public UUID tenantId;

    @Column(name = "user_id")
    public UUID userId;

    @Enumerated(EnumType.STRING)
    public Role role;

    @Column(name = "created_at")
    public Instant createdAt;

    public static Optional<Membership> find(UUID tenantId, UUID userId) {
        return find("tenantId = ?1 and userId = ?2", tenantId, userId).firstResultOptional();
    }

    public static Optional<Membership> findInTenant(UUID tenantId, UUID membershipId) {
        return find("tenantId = ?1 and id = ?2", tenantId, membershipId).firstResultOptional();
    }

    public static List<Membership> ofUser(UUID userId) {
        return list("userId = ?1 order by createdAt", userId);
    }

    public static long countInTenant(UUID tenantId) {
        return count("tenantId", tenantId);
    }

    public static long countOwners(UUID tenantId) {
        return count("tenantId = ?1 and role = ?2", tenantId, Role.OWNER);
    }
}
