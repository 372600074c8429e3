package pro.dailydoco.integration;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.hibernate.annotations.TenantId;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A workspace's webhook endpoint: where to post, which events, and the sealed signing secret(s). Entity queries see
 * the workspace in context only (Hibernate's tenant discriminator on top of row-level security).
 */
@Entity
@Table(name = "webhook_endpoint")
public class WebhookEndpoint extends PanacheEntityBase {

    @Id
    public UUID id;

    @TenantId
    @Column(name = "tenant_id")
    public String tenantId;

    /** Who registered it: referral events reach only the endpoints their earner registered. */
    @Column(name = "owner_user_id")
    public UUID ownerUserId;

    public String url;

    public String description;

    /** Subscribed event codes, comma-separated ({@code invoice.paid,project.created}). */
    @Column(name = "event_types")
    public String eventTypes;

    @Column(name = "secret_sealed")
    public String secretSealed;

    @Column(name = "previous_secret_sealed")
    public String previousSecretSealed;

    @Column(name = "previous_secret_until")
    public Instant previousSecretUntil;

    public boolean enabled;

    @Column(name = "failing_since")
    public Instant failingSince;

    @Column(name = "last_success_at")
    public Instant lastSuccessAt;

    @Column(name = "disabled_at")
    public Instant disabledAt;

    @Column(name = "disabled_reason")
    public String disabledReason;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public List<String> events() {
        return eventTypes == null || eventTypes.isBlank() ? List.of() : Arrays.asList(eventTypes.split(","));
    }

    public boolean subscribes(WebhookEventType type) {
        return events().contains(type.code());
    }


    static List<WebhookEndpoint> inWorkspace() {
        return list("order by createdAt");
    }
}
