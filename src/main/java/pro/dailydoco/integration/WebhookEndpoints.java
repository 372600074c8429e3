package pro.dailydoco.integration;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import pro.dailydoco.audit.AuditEvent;
import pro.dailydoco.audit.AuditLog;
import pro.dailydoco.core.DomainException;
import pro.dailydoco.core.InvalidInput;
import pro.dailydoco.core.Text;

/**
 * A workspace's webhook endpoints, managed by its owners and admins: register (the secret is returned once and kept
 * only sealed), rotate the secret (the old one keeps signing for a grace period), disable and enable, delete, and
 * send a test event. Guard, act, then audit, in one transaction; every method runs in the workspace in context.
 */
@ApplicationScoped
public class WebhookEndpoints {

    /** More than any integration needs; keeps one workspace from fanning every event out without end. */
    static final int MAX_ENDPOINTS = 20;
    static final int MAX_DESCRIPTION = 200;

    /** An endpoint with its secret, as shown once right after it was made or rotated. */
    public record WithSecret(WebhookEndpoint endpoint, String secret) {
    }

    private final WebhookSecrets secrets;
    private final WebhookHttp http;
    private final WebhookOutbox outbox;
    private final AuditLog auditLog;
    private final WebhookConfig config;
    private final Clock clock;

    WebhookEndpoints(WebhookSecrets secrets, WebhookHttp http, WebhookOutbox outbox, AuditLog auditLog,
            WebhookConfig config, Clock clock) {
        this.secrets = secrets;
        this.http = http;
        this.outbox = outbox;
        this.auditLog = auditLog;
        this.config = config;
        this.clock = clock;
    }

    @Transactional
    public List<WebhookEndpoint> list() {
        return WebhookEndpoint.inWorkspace();
    }

    /** The endpoint of the workspace in context; 404 for an unknown id or another workspace's. */
    @Transactional
    public WebhookEndpoint get(UUID endpointId) {
        return Optional.ofNullable(WebhookEndpoint.<WebhookEndpoint>findById(endpointId))
                .orElseThrow(() -> DomainException.notFound("There is no such webhook endpoint."));
    }

    /**
     * Registers an endpoint for {@code eventCodes}. The URL must be a public https address (the SSRF rules of single
     * sign-on); fields in error come back as {@link InvalidInput}.
     */
    @Transactional
    public WithSecret create(UUID tenantId, UUID actorUserId, String url, String description, List<String> eventCodes) {
        Map<String, String> errors = new LinkedHashMap<>();
        String cleanUrl = url == null ? "" : url.trim();
        http.problemWith(cleanUrl).ifPresent(problem -> errors.put("url", "The URL " + problem + "."));
        String cleanDescription = description == null ? "" : description.strip();
        if (Text.characters(cleanDescription) > MAX_DESCRIPTION) {
            errors.put("description", "Keep the description to " + MAX_DESCRIPTION + " characters.");
        }
        Set<String> events = new LinkedHashSet<>();
        for (String code : eventCodes == null ? List.<String>of() : eventCodes) {
            Optional<WebhookEventType> type = WebhookEventType.ofCode(code == null ? "" : code)
                    .filter(t -> t != WebhookEventType.TEST);
            if (type.isEmpty()) {
                errors.put("events", "Choose events from the list.");
            } else {
                events.add(type.get().code());
            }
        }
        if (events.isEmpty()) {
            errors.putIfAbsent("events", "Choose at least one event.");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        if (WebhookEndpoint.count() >= MAX_ENDPOINTS) {
            throw DomainException.conflict("A workspace can have " + MAX_ENDPOINTS + " endpoints; delete one first.");
        }
        Instant now = clock.instant();
        WebhookEndpoint endpoint = new WebhookEndpoint();
        endpoint.id = UUID.randomUUID();
        endpoint.tenantId = tenantId.toString();
        endpoint.ownerUserId = actorUserId;
        endpoint.url = cleanUrl;
        endpoint.description = cleanDescription;
        endpoint.eventTypes = String.join(",", events);
        String secret = secrets.newSecret();
        endpoint.secretSealed = secrets.seal(secret, endpoint.tenantId, endpoint.id);
        endpoint.enabled = true;
        endpoint.createdAt = now;
        endpoint.updatedAt = now;
        endpoint.persist();
        auditLog.record(tenantId, AuditEvent.user(actorUserId, "webhook.endpoint-created").subjectTenant(tenantId)
                .target("webhook-endpoint", endpoint.id.toString()).detail("events", endpoint.eventTypes).build());
        return new WithSecret(endpoint, secret);
    }

    /**
     * A new secret: it signs from now on, and the one it replaces keeps signing beside it for the grace period, so
     * receivers can switch without losing a delivery. A secret still in its grace period is dropped.
     */
    @Transactional
    public WithSecret rotate(UUID tenantId, UUID actorUserId, UUID endpointId) {
        WebhookEndpoint endpoint = get(endpointId);
        Instant now = clock.instant();
        endpoint.previousSecretSealed = endpoint.secretSealed;
        endpoint.previousSecretUntil = now.plus(config.rotationGrace());
        String secret = secrets.newSecret();
        endpoint.secretSealed = secrets.seal(secret, endpoint.tenantId, endpoint.id);
        endpoint.updatedAt = now;
        auditLog.record(tenantId, AuditEvent.user(actorUserId, "webhook.secret-rotated").subjectTenant(tenantId)
                .target("webhook-endpoint", endpoint.id.toString()).detail("previousUntil", endpoint.previousSecretUntil).build());
        return new WithSecret(endpoint, secret);
    }

    /** Turns a disabled endpoint back on; its failure streak starts over. Returns false when it was on. */
    @Transactional
    public boolean enable(UUID tenantId, UUID actorUserId, UUID endpointId) {
        WebhookEndpoint endpoint = get(endpointId);
        if (endpoint.enabled) {
            return false;
        }
        endpoint.enabled = true;
        endpoint.failingSince = null;
        endpoint.disabledAt = null;
        endpoint.disabledReason = null;
        endpoint.updatedAt = clock.instant();
        auditLog.record(tenantId, AuditEvent.user(actorUserId, "webhook.endpoint-enabled").subjectTenant(tenantId)
                .target("webhook-endpoint", endpoint.id.toString()).build());
        return true;
    }

    /** Deletes the endpoint and its delivery log; deliveries not yet sent are dropped with it. */
    @Transactional
    public void delete(UUID tenantId, UUID actorUserId, UUID endpointId) {
        WebhookEndpoint endpoint = get(endpointId);
        String url = endpoint.url;
        endpoint.delete();
        auditLog.record(tenantId, AuditEvent.user(actorUserId, "webhook.endpoint-deleted").subjectTenant(tenantId)
                .target("webhook-endpoint", endpointId.toString()).detail("host", hostOf(url)).build());
    }

    /** Queues a {@code webhook.test} event to this endpoint only, whatever it subscribed to. */
    @Transactional
    public UUID sendTest(UUID tenantId, UUID actorUserId, UUID endpointId) {
        WebhookEndpoint endpoint = get(endpointId);
        if (!endpoint.enabled) {
            throw DomainException.conflict("The endpoint is disabled: enable it first, then send a test event.");
        }
        UUID eventId = UUID.randomUUID();
        String body = WebhookOutbox.body(eventId, WebhookEventType.TEST, clock.instant(),
                Map.of("message", "A test event from DailyDoco Pro", "endpoint", endpoint.id.toString()));
        return outbox.again(tenantId, endpoint.id, null, WebhookEventType.TEST.code(), body, eventId);
    }

    private static String hostOf(String url) {
        try {
            String host = java.net.URI.create(url).getHost();
            return host == null ? "" : host;
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
