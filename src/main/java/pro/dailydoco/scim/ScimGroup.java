package pro.dailydoco.scim;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.hibernate.annotations.TenantId;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

/** A group the workspace's directory pushes (tenant scope); its display name is what the SSO role mapping names. */
@Entity
@Table(name = "scim_group")
public class ScimGroup extends PanacheEntityBase {

    @Id
    public UUID id;

    @TenantId
    @Column(name = "tenant_id")
    public String tenantId;

    @Column(name = "display_name")
    public String displayName;

    @Column(name = "external_id")
    public String externalId;

    public long version;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    static Optional<ScimGroup> forUpdate(UUID id) {
        return Optional.ofNullable(ScimGroup.<ScimGroup>findById(id, LockModeType.PESSIMISTIC_WRITE));
    }

    static Optional<ScimGroup> byDisplayName(String displayName) {
        return find("lower(displayName) = lower(?1)", displayName).firstResultOptional();
    }
}
