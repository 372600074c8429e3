package pro.dailydoco.scim;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.hibernate.annotations.TenantId;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

/**
 * A person as this workspace's directory provisioned them (tenant scope). The SCIM id stays the same through
 * deactivation and reactivation; {@code userId} is the shared account, which SCIM never deletes.
 */
@Entity
@Table(name = "scim_user")
public class ScimUser extends PanacheEntityBase {

    @Id
    public UUID id;

    @TenantId
    @Column(name = "tenant_id")
    public String tenantId;

    @Column(name = "user_id")
    public UUID userId;

    /** The email the account signs in with, lower case. */
    @Column(name = "user_name")
    public String userName;

    @Column(name = "external_id")
    public String externalId;

    @Column(name = "given_name")
    public String givenName;

    @Column(name = "family_name")
    public String familyName;

    @Column(name = "display_name")
    public String displayName;

    public boolean active;

    /** Bumped on every change; the resource's ETag (meta.version). */
    public long version;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** In the workspace in context, locked for the change that follows (two directory requests never interleave). */
    static Optional<ScimUser> forUpdate(UUID id) {
        return Optional.ofNullable(ScimUser.<ScimUser>findById(id, LockModeType.PESSIMISTIC_WRITE));
    }

    /**
     * These users of the workspace in context, locked in id order for the change that follows: two changes that lock
     * overlapping users never wait on each other in a cycle.
     */
    static List<ScimUser> forUpdate(Collection<UUID> ids) {
        return ids.isEmpty() ? List.of() : ScimUser.<ScimUser>find("id in ?1 order by id", ids).withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    static Optional<ScimUser> byUserName(String userName) {
        return find("userName", userName).firstResultOptional();
    }

    static Optional<ScimUser> byAccount(UUID userId) {
        return find("userId", userId).firstResultOptional();
    }
}
