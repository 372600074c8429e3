package pro.dailydoco.operator;

import java.time.Instant;
import java.util.List;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import pro.dailydoco.account.web.Access;
import pro.dailydoco.billing.webhook.StripeEventStore;

/**
 * Stripe events that are not done: failing ones (retried with back-off, then flagged) and ones waiting for Stripe
 * (not configured, or not answering), each with its reason, so the operator sees why money has not moved yet.
 */
@Path("/operator/stripe-events")
@Produces(MediaType.TEXT_HTML)
@Access.Operator
public class StripeEventsResource {

    static final int LIMIT = 200;

    /** One row of the page; the template writes its moments ({@code .dateTime}), none for a flagged event. */
    public record Line(String eventId, String type, String state, int attempts, String reason, Instant received,
            Instant nextAttempt) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance events(List<Line> events, int limit);
    }

    private final StripeEventStore store;

    StripeEventsResource(StripeEventStore store) {
        this.store = store;
    }

    @GET
    public TemplateInstance list() {
        return Templates.events(store.unfinished(LIMIT).stream().map(StripeEventsResource::line).toList(), LIMIT);
    }

    private static Line line(StripeEventStore.Unfinished event) {
        String state = switch (event.status()) {
            case "FLAGGED" -> "Flagged: no more retries";
            default -> event.waitsForStripe() ? "Waiting for Stripe" : "Failing, retried";
        };
        return new Line(event.eventId(), event.type(), state, event.attempts(), event.reason(), event.receivedAt(),
                "FLAGGED".equals(event.status()) ? null : event.nextAttemptAt());
    }
}
