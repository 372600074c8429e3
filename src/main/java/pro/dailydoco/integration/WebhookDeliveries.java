package pro.dailydoco.integration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import pro.dailydoco.audit.AuditEvent;
import pro.dailydoco.audit.AuditLog;
import pro.dailydoco.core.DomainException;
import pro.dailydoco.core.database.Row;
import pro.dailydoco.core.web.Paged;

/**
 * The delivery log of the workspace in context: what the sender reads before a send and records after it, and what
 * the settings page lists, shows and resends. A referral event's row is shown only to its earner.
 */
@ApplicationScoped
public class WebhookDeliveries {

    static final int PAGE_SIZE = 20;
    static final String DELIVERED = "DELIVERED";
    static final String FAILED = "FAILED";
    static final String CANCELLED = "CANCELLED";

    /** What the sender needs for one post: the body exactly as signed and the live secrets, newest first. */
    record Prepared(UUID eventId, String eventType, String payload, String url, List<String> secrets, int attempts) {
    }

    /** A row of the log. */
    public record Delivery(UUID id, UUID eventId, String eventType, String status, int attempts, Instant createdAt,
            Instant lastAttemptAt, Instant nextAttemptAt, Integer responseStatus, String error, String payload,
            String requestHeaders, String responseBody) {

        public String statusLabel() {
            return switch (status) {
                case DELIVERED -> "Delivered";
                case FAILED -> "Failed, gave up";
                case CANCELLED -> "Not sent (endpoint disabled)";
                default -> attempts == 0 ? "Queued" : "Failing, will retry";
            };
        }

        public boolean delivered() {
            return DELIVERED.equals(status);
        }
    }

    private final EntityManager entityManager;
    private final WebhookSecrets secrets;
    private final WebhookOutbox outbox;
    private final WebhookFailures failures;
    private final AuditLog auditLog;
    private final WebhookConfig config;
    private final Clock clock;

    WebhookDeliveries(EntityManager entityManager, WebhookSecrets secrets, WebhookOutbox outbox, WebhookFailures failures,
            AuditLog auditLog, WebhookConfig config, Clock clock) {
        this.entityManager = entityManager;
        this.secrets = secrets;
        this.outbox = outbox;
        this.failures = failures;
        this.auditLog = auditLog;
        this.config = config;
        this.clock = clock;
    }

    /** The delivery to send now, or null when there is nothing to send (then its due row is gone). */
    @Transactional
    Prepared prepare(UUID deliveryId) {
        Optional<Row> row = Row.first(entityManager.createNativeQuery("""
                select endpoint_id as endpoint_id, event_id as event_id, event_type as event_type, payload as payload,
                       status as status, attempts as attempts
                from webhook_delivery where id = ?1""", Tuple.class).setParameter(1, deliveryId));
        if (row.isEmpty() || !WebhookOutbox.PENDING.equals(row.get().string("status"))) {
            notDue(deliveryId);
            return null;
        }
        WebhookEndpoint endpoint = WebhookEndpoint.findById(row.get().uuid("endpoint_id"));
        if (endpoint == null || !endpoint.enabled) {
            entityManager.createNativeQuery("update webhook_delivery set status = ?2, next_attempt_at = null where id = ?1")
                    .setParameter(1, deliveryId).setParameter(2, CANCELLED).executeUpdate();
            notDue(deliveryId);
            return null;
        }
        List<String> live = new ArrayList<>();
        live.add(secrets.open(endpoint.secretSealed, endpoint.tenantId, endpoint.id));
        if (endpoint.previousSecretSealed != null && endpoint.previousSecretUntil != null
                && endpoint.previousSecretUntil.isAfter(clock.instant())) {
            live.add(secrets.open(endpoint.previousSecretSealed, endpoint.tenantId, endpoint.id));
        }
        return new Prepared(row.get().uuid("event_id"), row.get().string("event_type"), row.get().string("payload"),
                endpoint.url, List.copyOf(live), row.get().intValue("attempts"));
    }

    /**
     * Records an attempt: delivered, or failed and retried after {@code wait} — never later than the event's
     * give-up time, when it is given up. An endpoint failing without a success for that long is disabled.
     */
    @Transactional
    void record(UUID deliveryId, String requestHeaders, WebhookHttp.Outcome outcome, Duration wait) {
        Instant now = clock.instant();
        Optional<Row> row = Row.first(entityManager.createNativeQuery(
                "select endpoint_id as endpoint_id, attempts as attempts, created_at as created_at from webhook_delivery where id = ?1",
                Tuple.class).setParameter(1, deliveryId));
        if (row.isEmpty()) {
            return;
        }
        WebhookEndpoint endpoint = WebhookEndpoint.findById(row.get().uuid("endpoint_id"));
        Instant giveUpAt = row.get().instant("created_at").plus(config.giveUpAfter());
        String status;
        Instant next = null;
        if (outcome.delivered()) {
            status = DELIVERED;
            if (endpoint != null) {
                endpoint.failingSince = null;
                endpoint.lastSuccessAt = now;
            }
        } else if (!now.isBefore(giveUpAt)) {
            status = FAILED;
        } else {
            status = WebhookOutbox.PENDING;
            next = now.plus(wait).isAfter(giveUpAt) ? giveUpAt : now.plus(wait);
        }
        entityManager.createNativeQuery("""
                update webhook_delivery set status = ?2, attempts = attempts + 1, last_attempt_at = ?3, next_attempt_at = ?4,
                       request_headers = ?5, response_status = ?6, response_body = ?7, error = ?8
                where id = ?1""")
                .setParameter(1, deliveryId).setParameter(2, status).setParameter(3, now).setParameter(4, next)
                .setParameter(5, requestHeaders).setParameter(6, outcome.status() == 0 ? null : outcome.status())
                .setParameter(7, outcome.answer()).setParameter(8, outcome.problem()).executeUpdate();
        if (next == null) {
            notDue(deliveryId);
        } else {
            entityManager.createNativeQuery("update webhook_delivery_due set due_at = ?2 where delivery_id = ?1")
                    .setParameter(1, deliveryId).setParameter(2, next).executeUpdate();
        }
        if (!outcome.delivered() && endpoint != null) {
            if (endpoint.failingSince == null) {
                // Failing since the event it could not take, unless it took a later one: so the event given up after
                // its 3 days disables an endpoint that never answered in between.
                Instant created = row.get().instant("created_at");
                endpoint.failingSince = endpoint.lastSuccessAt != null && endpoint.lastSuccessAt.isAfter(created)
                        ? endpoint.lastSuccessAt : created;
            }
            if (endpoint.enabled && !endpoint.failingSince.isAfter(now.minus(config.giveUpAfter()))) {
                failures.disable(endpoint, now);
            }
        }
    }

    private void notDue(UUID deliveryId) {
        entityManager.createNativeQuery("delete from webhook_delivery_due where delivery_id = ?1").setParameter(1, deliveryId)
                .executeUpdate();
    }

    private static final String COLUMNS = """
            id as id, event_id as event_id, event_type as event_type, status as status, attempts as attempts,
            created_at as created_at, last_attempt_at as last_attempt_at, next_attempt_at as next_attempt_at,
            response_status as response_status, error as error, payload as payload, request_headers as request_headers,
            response_body as response_body""";

    /** One page of an endpoint's log, newest first: the workspace's events, and the viewer's own referral events. */
    @Transactional
    public Paged<Delivery> log(UUID tenantId, UUID endpointId, UUID viewerUserId, Integer requestedPage) {
        long total = ((Number) entityManager.createNativeQuery("""
                select count(*) from webhook_delivery
                where tenant_id = ?1 and endpoint_id = ?2 and (recipient_user_id is null or recipient_user_id = ?3)""")
                .setParameter(1, tenantId).setParameter(2, endpointId).setParameter(3, viewerUserId).getSingleResult()).longValue();
        int page = Paged.clamp(requestedPage, total, PAGE_SIZE);
        List<Delivery> rows = Row.list(entityManager.createNativeQuery("select " + COLUMNS + """
                 from webhook_delivery
                where tenant_id = ?1 and endpoint_id = ?2 and (recipient_user_id is null or recipient_user_id = ?3)
                order by created_at desc, id limit ?4 offset ?5""", Tuple.class)
                .setParameter(1, tenantId).setParameter(2, endpointId).setParameter(3, viewerUserId)
                .setParameter(4, PAGE_SIZE).setParameter(5, (page - 1) * PAGE_SIZE))
                .stream().map(WebhookDeliveries::delivery).toList();
        return new Paged<>(rows, page, Paged.pages(total, PAGE_SIZE), total);
    }

    /** One delivery of the endpoint with its request and answer; 404 for another endpoint's or someone else's. */
    @Transactional
    public Delivery get(UUID tenantId, UUID endpointId, UUID deliveryId, UUID viewerUserId) {
        return Row.first(entityManager.createNativeQuery("select " + COLUMNS + """
                 from webhook_delivery
                where tenant_id = ?1 and endpoint_id = ?2 and id = ?3 and (recipient_user_id is null or recipient_user_id = ?4)""",
                Tuple.class).setParameter(1, tenantId).setParameter(2, endpointId).setParameter(3, deliveryId)
                .setParameter(4, viewerUserId)).map(WebhookDeliveries::delivery)
                .orElseThrow(() -> DomainException.notFound("There is no such delivery."));
    }

    /** Queues the delivery again with the same event id and body, at once; the logged attempt stays as it was. */
    @Transactional
    public UUID resend(UUID tenantId, UUID actorUserId, UUID endpointId, UUID deliveryId) {
        Delivery delivery = get(tenantId, endpointId, deliveryId, actorUserId);
        WebhookEndpoint endpoint = WebhookEndpoint.findById(endpointId);
        if (endpoint == null) {
            throw DomainException.notFound("There is no such endpoint.");
        }
        if (!endpoint.enabled) {
            throw DomainException.conflict("The endpoint is disabled: enable it first, then resend.");
        }
        UUID recipient = Row.first(entityManager.createNativeQuery(
                "select recipient_user_id as recipient_user_id from webhook_delivery where id = ?1", Tuple.class)
                .setParameter(1, deliveryId)).map(r -> r.uuid("recipient_user_id")).orElse(null);
        UUID copy = outbox.again(tenantId, endpointId, recipient, delivery.eventType(), delivery.payload(), delivery.eventId());
        auditLog.record(tenantId, AuditEvent.user(actorUserId, "webhook.delivery-resent").subjectTenant(tenantId)
                .target("webhook-endpoint", endpointId.toString()).detail("delivery", deliveryId).build());
        return copy;
    }

    private static Delivery delivery(Row row) {
        Long status = row.nullableLong("response_status");
        return new Delivery(row.uuid("id"), row.uuid("event_id"), row.string("event_type"), row.string("status"),
                row.intValue("attempts"), row.instant("created_at"), row.instant("last_attempt_at"),
                row.instant("next_attempt_at"), status == null ? null : status.intValue(), row.string("error"),
                row.string("payload"), row.string("request_headers"), row.string("response_body"));
    }
}
