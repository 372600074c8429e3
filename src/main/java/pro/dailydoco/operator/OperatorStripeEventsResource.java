package pro.dailydoco.operator;

import java.util.List;

import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import pro.dailydoco.account.web.Access;
import pro.dailydoco.billing.webhook.InvalidStripeEvents;

/**
 * Signed Stripe events billing kept apart as invalid, with the reason and the answer Stripe got
 * (docs/decisions/0100-invalid-stripe-events-are-kept-apart.md): the operator checks each in Stripe's dashboard.
 */
@Path("/operator/stripe-events/invalid")
@Produces(MediaType.TEXT_HTML)
@Access.Operator
public class OperatorStripeEventsResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance events(List<InvalidStripeEvents.Invalid> invalid, String event);
    }

    private final InvalidStripeEvents invalid;

    OperatorStripeEventsResource(InvalidStripeEvents invalid) {
        this.invalid = invalid;
    }

    @GET
    public TemplateInstance list(@RestQuery String event) {
        return Templates.events(invalid.newest(event), event == null ? "" : event);
    }
}
