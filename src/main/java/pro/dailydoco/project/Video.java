package pro.dailydoco.project;

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

/** A walkthrough video of a documentation project. Tenant scope, like {@link Project}. */
@Entity
@Table(name = "video")
public class Video extends PanacheEntityBase {

    public enum Status {
        DRAFT,
        PROCESSING,
        PUBLISHED;

        public String label() {
            return name().charAt(0) + name().substring(1).toLowerCase();
        }
    }

    @Id
    public UUID id;

    @TenantId
    @Column(name = "tenant_id")
    public String tenantId;

    /** The project's id; a plain column (no association) so list queries never load projects by accident. */
    @Column(name = "project_id")
    public UUID projectId;

    public String title;

    @Column(name = "duration_minutes")
    public int durationMinutes;

    @Enumerated(EnumType.STRING)
    public Status status;

    /** Decides the calendar month (UTC) whose video-minute limit this video counts against. */
    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
