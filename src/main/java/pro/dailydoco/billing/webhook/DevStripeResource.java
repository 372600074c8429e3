package pro.dailydoco.billing.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import pro.dailydoco.account.web.Access;
import pro.dailydoco.billing.BillingConfig;
import pro.dailydoco.billing.Invoice;
import pro.dailydoco.billing.PlanPrices;
import pro.dailydoco.billing.Subscription;
import pro.dailydoco.billing.events.Plan;
import pro.dailydoco.core.DomainException;
import pro.dailydoco.core.web.Flash;
import pro.dailydoco.core.web.Requests;
import pro.dailydoco.tenant.ScopedWork;
import pro.dailydoco.tenant.Tenant;

/**
 * Dev builds only: signs sample Stripe events for a workspace with the dev webhook secret and feeds them to the
 * same pipeline {@code POST /webhooks/stripe} uses (verify, store, process), so the billing flow can be seen
 * without a Stripe account. {@code stripe listen --forward-to localhost:8080/webhooks/stripe} works too.
 */
@Path("/dev/stripe")
@Produces(MediaType.TEXT_HTML)
@IfBuildProfile("dev")
@Access.SignedIn
public class DevStripeResource {

    static final List<String> TYPES = List.of("checkout.session.completed", "customer.subscription.updated",
            "invoice.paid", "invoice.payment_failed", "charge.refunded");
    static final List<String> STATUSES = List.of("active", "trialing", "past_due", "unpaid", "canceled");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance replay(List<Tenant> tenants, List<String> types, List<Plan> plans,
                List<String> statuses, Chosen chosen);
    }

    /**
     * What the form shows as chosen: after a send, the same workspace, event, plan and status, so a sequence of
     * events for one workspace needs no re-selecting (the workspace list is every workspace, in slug order).
     */
    record Chosen(UUID tenantId, String type, String plan, String status) {

        static Chosen of(UUID tenantId, String type, String plan, String status) {
            return new Chosen(tenantId, TYPES.contains(type) ? type : null,
                    Plan.parse(plan).filter(p -> p != Plan.FREE).map(Plan::name).orElse(Plan.TEAM.name()),
                    STATUSES.contains(status) ? status : null);
        }

        /** The page's address with these choices, where a send goes back to. */
        String query() {
            StringBuilder query = new StringBuilder("/dev/stripe?tenantId=").append(tenantId);
            if (type != null) {
                query.append("&type=").append(type);
            }
            query.append("&plan=").append(plan);
            if (status != null) {
                query.append("&status=").append(status);
            }
            return query.toString();
        }
    }

    private final StripeWebhooks webhooks;
    private final BillingConfig config;
    private final PlanPrices prices;
    private final ScopedWork scopedWork;
    private final Flash flash;
    private final Clock clock;

    DevStripeResource(StripeWebhooks webhooks, BillingConfig config, PlanPrices prices, ScopedWork scopedWork,
            Flash flash, Clock clock) {
        this.webhooks = webhooks;
        this.config = config;
        this.prices = prices;
        this.scopedWork = scopedWork;
        this.flash = flash;
        this.clock = clock;
    }

    @GET
    public TemplateInstance page(@RestQuery UUID tenantId, @RestQuery String type, @RestQuery String plan,
            @RestQuery String status) {
        List<Tenant> tenants = scopedWork.call(null, null, () -> Tenant.<Tenant> list("order by slug"));
        return Templates.replay(tenants, TYPES, List.of(Plan.PRO, Plan.TEAM, Plan.ENTERPRISE), STATUSES,
                Chosen.of(tenantId, type, plan, status));
    }

    @POST
    public Response send(@RestForm UUID tenantId, @RestForm String type, @RestForm String plan, @RestForm String status) {
        if (tenantId == null || !TYPES.contains(type) || (status != null && !STATUSES.contains(status))) {
            throw DomainException.badRequest("Choose a workspace, an event type and a status from the lists.");
        }
        Plan chosen = Plan.parse(plan).filter(p -> p != Plan.FREE).orElse(Plan.TEAM);
        String payload = sample(tenantId, type, chosen, status == null ? "active" : status);
        String secret = config.webhookSecret().orElseThrow();
        Instant now = clock.instant();
        webhooks.receive(payload.getBytes(StandardCharsets.UTF_8), StripeSignature.header(payload, now, secret));
        flash.set("Sent " + type + ". It went through the webhook pipeline; see the workspace's billing page.");
        return Requests.seeOther(Chosen.of(tenantId, type, plan, status).query());
    }

    private String sample(UUID tenantId, String type, Plan plan, String status) {
        Instant now = clock.instant();
        Optional<Subscription> row = scopedWork.asTenant(tenantId, Subscription::current);
        SampleStripeEvents.Ids ids = SampleStripeEvents.Ids.of(tenantId, row.map(s -> s.stripeCustomerId).orElse(null));
        String priceId = prices.checkoutPrice(plan).orElseThrow(() -> DomainException.badRequest(
                "No Stripe price is configured for " + plan.displayName() + " (dailydoco.billing.prices.*)."));
        return switch (type) {
            case "checkout.session.completed" -> SampleStripeEvents.checkoutCompleted(ids, now);
            case "customer.subscription.updated" -> SampleStripeEvents.subscriptionUpdated(ids, priceId, status, now);
            case "invoice.paid", "invoice.payment_failed" -> SampleStripeEvents.invoice(ids, type.equals("invoice.paid"),
                    plan.monthlyPrice(), SampleStripeEvents.newId("in"), SampleStripeEvents.newId("pi"), now);
            default -> {
                Invoice paid = scopedWork.asTenant(tenantId, () -> Invoice.<Invoice> find(
                        "status = ?1 and paymentIntentId is not null order by stripeCreated desc", Invoice.Status.PAID)
                        .firstResultOptional()).orElseThrow(() -> DomainException.badRequest(
                                "Send invoice.paid first: a refund needs a paid invoice."));
                yield SampleStripeEvents.chargeRefunded(ids, paid.paymentIntentId, paid.amountPaidMoney(), now);
            }
        };
    }
}
