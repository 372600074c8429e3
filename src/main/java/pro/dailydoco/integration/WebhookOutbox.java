package pro.dailydoco.integration;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import pro.dailydoco.account.Membership;
import pro.dailydoco.account.Permission;
import pro.dailydoco.core.database.Row;

/**
 * Queues deliveries in the transaction of the change they announce (an outbox): a rolled-back change sends nothing,
 * a committed one is always sent by {@link WebhookSender}
 * (docs/decisions/0190-outgoing-webhooks-outbox.md). Writes the delivery in its endpoint's workspace and a due row in
 * the platform index, nothing else; never a network call.
 */
@ApplicationScoped
public class WebhookOutbox {

    static final ObjectMapper JSON = new ObjectMapper();

    static final String PENDING = "PENDING";

    private final EntityManager entityManager;
    private final Clock clock;

    WebhookOutbox(EntityManager entityManager, Clock clock) {
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /** An event of the workspace in context: one delivery to each enabled endpoint there that subscribed to it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int workspaceEvent(UUID tenantId, WebhookEventType type, Instant created, Map<String, Object> data) {
        List<UUID> endpoints = Row.list(entityManager.createNativeQuery("""
                select id as id from webhook_endpoint
                where tenant_id = ?1 and enabled and (',' || event_types || ',') like ?2""", Tuple.class)
                .setParameter(1, tenantId).setParameter(2, "%," + type.code() + ",%"))
                .stream().map(row -> row.uuid("id")).toList();
        UUID eventId = UUID.randomUUID();
        String body = body(eventId, type, created, data);
        endpoints.forEach(endpoint -> insert(tenantId, endpoint, null, eventId, type.code(), body));
        return endpoints.size();
    }

    /**
     * A person's own referral event, while acting as them (app.user_id is the earner): one delivery to each enabled
     * endpoint they registered and subscribed to it, in a workspace where they may still manage webhooks. Nobody
     * else's endpoint receives it (docs/decisions/0191-referral-events-reach-the-earners-own-endpoints.md).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int personalEvent(UUID earnerUserId, WebhookEventType type, Instant created, Map<String, Object> data) {
        List<Row> endpoints = Row.list(entityManager.createNativeQuery("""
                select id as id, tenant_id as tenant_id from webhook_endpoint
                where owner_user_id = ?1 and enabled and (',' || event_types || ',') like ?2""", Tuple.class)
                .setParameter(1, earnerUserId).setParameter(2, "%," + type.code() + ",%"));
        UUID eventId = UUID.randomUUID();
        String body = body(eventId, type, created, data);
        int queued = 0;
        for (Row endpoint : endpoints) {
            UUID tenantId = endpoint.uuid("tenant_id");
            boolean stillManages = Membership.find(tenantId, earnerUserId).map(m -> m.role.can(Permission.WEBHOOKS_MANAGE))
                    .orElse(false);
            if (stillManages) {
                insert(tenantId, endpoint.uuid("id"), earnerUserId, eventId, type.code(), body);
                queued++;
            }
        }
        return queued;
    }

    /** A copy of a logged delivery, same event id and body (receivers deduplicate on the id). */
    @Transactional(Transactional.TxType.MANDATORY)
    UUID again(UUID tenantId, UUID endpointId, UUID recipientUserId, String eventType, String payload, UUID eventId) {
        return insert(tenantId, endpointId, recipientUserId, eventId, eventType, payload);
    }

    private UUID insert(UUID tenantId, UUID endpointId, UUID recipientUserId, UUID eventId, String eventType, String body) {
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        entityManager.createNativeQuery("""
                insert into webhook_delivery (id, tenant_id, endpoint_id, recipient_user_id, event_id, event_type, payload,
                                              status, created_at, next_attempt_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)""")
                .setParameter(1, id).setParameter(2, tenantId).setParameter(3, endpointId).setParameter(4, recipientUserId)
                .setParameter(5, eventId).setParameter(6, eventType).setParameter(7, body).setParameter(8, PENDING)
                .setParameter(9, now).executeUpdate();
        entityManager.createNativeQuery("insert into webhook_delivery_due (delivery_id, subject_tenant_id, due_at) values (?1, ?2, ?3)")
                .setParameter(1, id).setParameter(2, tenantId).setParameter(3, now).executeUpdate();
        return id;
    }

    /** The body receivers get: {@code id} to deduplicate on, {@code type}, {@code created} (Unix seconds), {@code data}. */
    static String body(UUID eventId, WebhookEventType type, Instant created, Map<String, Object> data) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", eventId.toString());
        event.put("type", type.code());
        event.put("created", created.getEpochSecond());
        event.put("data", data);
        try {
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An event's data is plain values and maps", e);
        }
    }
}
