package pro.dailydoco.project;

import java.time.Instant;
import java.util.UUID;

import org.hibernate.annotations.TenantId;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A documentation project. Tenant scope: Hibernate filters by tenant and PostgreSQL's policy checks it again. */
@Entity
@Table(name = "project")
public class Project extends PanacheEntityBase {

    @Id
    public UUID id;

    /**
     * The owning tenant's id. A String because Quarkus hands Hibernate the current tenant as a String and the tenant
     * filter needs the same Java type; the column is a real uuid (the driver sends strings untyped, see
     * application.properties).
     */
    @TenantId
    @Column(name = "tenant_id")
    public String tenantId;

    public String name;

    @Column(name = "repository_url")
    public String repositoryUrl;

    public String description;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
