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

    /** Where the video came from: typed by a person (title and length only), or an uploaded file. */
    public enum Source {
        TYPED, UPLOAD
    }

    /** An uploaded file's way from upload to playable (docs/decisions/0196-video-processing-jobs.md). */
    public enum MediaState {
        UPLOADING("Uploading"), QUEUED("Waiting to be processed"), PROCESSING("Processing"), READY("Ready"),
        FAILED("Processing failed"), REFUSED("Refused"), CANCELLED("Cancelled");

        private final String label;

        MediaState(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public boolean finished() {
            return this == READY || this == FAILED || this == REFUSED || this == CANCELLED;
        }
    }

    @Enumerated(EnumType.STRING)
    public Source source = Source.TYPED;

    @Enumerated(EnumType.STRING)
    @Column(name = "media_state")
    public MediaState mediaState;

    /** The size the browser announced before the first chunk. */
    @Column(name = "upload_length")
    public Long uploadLength;

    /** Bytes received and confirmed so far: where a resumed upload continues. */
    @Column(name = "upload_offset")
    public long uploadOffset;

    /** What the published files take in storage (counts against the workspace's quota). */
    @Column(name = "stored_bytes")
    public long storedBytes;

    /** The probed length, exact to the millisecond. */
    @Column(name = "duration_millis")
    public Long durationMillis;

    public Integer width;

    public Integer height;

    /** HLS rendition heights made, highest first, comma-separated ("720,480"). */
    public String renditions;

    public int thumbnails;

    /** Why an upload was refused or processing failed, for the person. */
    @Column(name = "media_message")
    public String mediaMessage;

    /** The refusal was the plan's monthly minutes: the page offers the upgrade. */
    @Column(name = "refused_for_plan_limit")
    public boolean refusedForPlanLimit;

    /** Seconds counted against the monthly video minutes, in the month of {@link #meteredAt}; null: not counted. */
    @Column(name = "metered_seconds")
    public Long meteredSeconds;

    @Column(name = "metered_at")
    public Instant meteredAt;

    /** One chapter a line: "m:ss Title" (or "h:mm:ss Title"). */
    public String chapters = "";

    public String transcript = "";

    public boolean uploaded() {
        return source == Source.UPLOAD;
    }

    public boolean playable() {
        return mediaState == MediaState.READY;
    }
}
