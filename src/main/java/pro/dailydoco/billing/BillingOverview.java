package pro.dailydoco.billing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.transaction.Transactional;
import pro.dailydoco.account.team.TeamService;
import pro.dailydoco.billing.events.Plan;
import pro.dailydoco.billing.events.SubscriptionStatus;
import pro.dailydoco.core.web.Paged;

/** What the billing page shows: plan, subscription state, usage against each limit, and the plans on offer. */
@ApplicationScoped
public class BillingOverview {

    /** One limit's use. {@code limit} is {@link Plan#UNLIMITED} for none; {@code note} explains an unenforced one. */
    public record UsageRow(String label, long used, long limit, String note, boolean billedPast) {

        public UsageRow(String label, long used, long limit, String note) {
            this(label, used, limit, note, false);
        }

        public boolean unlimited() {
            return limit == Plan.UNLIMITED;
        }

        /** Bar value, capped at the limit (a downgraded tenant may be above it). */
        public long barValue() {
            return unlimited() ? used : Math.min(used, limit);
        }

        /** Above the limit and not billed past it (a downgrade): nothing more can be added. */
        public boolean over() {
            return !unlimited() && used > limit && !billedPast;
        }
    }

    /**
     * A plan on offer beside the plan in force and the operator's floor (the override, else Free): can it be bought
     * online (a configured Stripe price), is it the current one, and would buying it change anything
     * (docs/decisions/0155-the-plan-in-force-is-the-higher-of-override-and-subscription.md)?
     */
    public record Offer(Plan plan, Plan inForce, Plan floor, boolean purchasable) {

        public boolean current() {
            return plan == inForce;
        }

        /** Plans are ordered by price, so a later plan is an upgrade and an earlier one a downgrade. */
        public boolean upgrade() {
            return plan.ordinal() > inForce.ordinal();
        }

        public boolean downgrade() {
            return plan.ordinal() < inForce.ordinal();
        }

        /** At or below the operator's override: a subscription to it would not change the plan in force. */
        public boolean coveredByOverride() {
            return !current() && floor != Plan.FREE && plan.ordinal() <= floor.ordinal();
        }

        /** "Upgrade to Team" or "Downgrade to Pro". */
        public String actionLabel() {
            return (upgrade() ? "Upgrade to " : "Downgrade to ") + plan.displayName();
        }
    }

    public record View(Plan plan, Entitlements.Standing standing, Optional<Subscription> subscription,
            List<UsageRow> usage, List<Offer> offers, boolean stripeConfigured, Instant now,
            OverageBilling.Choice overageChoice, List<OverageForecast> forecasts) {

        /** A view without usage billing: the workspace stops at its limits and nothing is projected. */
        public View(Plan plan, Entitlements.Standing standing, Optional<Subscription> subscription, List<UsageRow> usage,
                List<Offer> offers, boolean stripeConfigured, Instant now) {
            this(plan, standing, subscription, usage, offers, stripeConfigured, now,
                    new OverageBilling.Choice(false, OverageBilling.NOT_BILLED_ONLINE), List.of());
        }

        public boolean hasCustomer() {
            return subscription.map(s -> s.stripeCustomerId != null).orElse(false);
        }

        /** "Active", "Past due", … or null without a subscription. */
        public String statusLabel() {
            return standing.status().map(BillingOverview::label).orElse(null);
        }

        /** A CSS-safe name of the status for its badge ("past-due"). */
        public String statusKey() {
            return standing.status().map(s -> s.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')).orElse(null);
        }

        /** An active or trialing subscription that is not cancelled renews; a past-due one does not. */
        public boolean renews() {
            return standing.status().filter(s -> s == SubscriptionStatus.ACTIVE || s == SubscriptionStatus.TRIALING)
                    .isPresent() && !cancelAtPeriodEnd();
        }

        /** The customer may be sent to Stripe's portal: Stripe is configured and the workspace is its customer. */
        public boolean portalAvailable() {
            return stripeConfigured && hasCustomer();
        }

        public Instant periodEnd() {
            return subscription.map(s -> s.currentPeriodEnd).orElse(null);
        }

        public boolean cancelAtPeriodEnd() {
            return subscription.map(s -> s.cancelAtPeriodEnd).orElse(false);
        }

        public Instant graceEndsAt() {
            return standing.graceEndsAt().orElse(null);
        }

        public Instant freeLimitsSince() {
            return standing.freeLimitsSince().orElse(null);
        }

        /** A live subscription is changed in the Portal, not by a second Checkout. */
        public boolean subscribed() {
            return standing.status().map(SubscriptionSync::isLive).orElse(false);
        }
    }

    private final Entitlements entitlements;
    private final TeamService team;
    private final Instance<Usage> meters;
    private final PlanPrices prices;
    private final StripeGateway gateway;
    private final java.time.Clock clock;
    private final OverageBilling overage;
    private final UsagePrices usagePrices;

    BillingOverview(Entitlements entitlements, TeamService team, Instance<Usage> meters, PlanPrices prices,
            StripeGateway gateway, java.time.Clock clock, OverageBilling overage, UsagePrices usagePrices) {
        this.overage = overage;
        this.usagePrices = usagePrices;
        this.entitlements = entitlements;
        this.team = team;
        this.meters = meters;
        this.prices = prices;
        this.gateway = gateway;
        this.clock = clock;
    }

    /** The overview of the tenant in the request's scope. */
    @Transactional
    public View of(UUID tenantId) {
        Entitlements.Reading reading = entitlements.read(tenantId);
        Entitlements.Standing standing = reading.standing();
        Plan plan = standing.effectivePlan();
        List<UsageRow> usage = new ArrayList<>();
        java.util.Map<Limit, Long> monthly = new java.util.EnumMap<>(Limit.class);
        usage.add(new UsageRow("Seats", team.seatsUsed(tenantId), plan.seats(), "members and pending invitations"));
        OverageBilling.Choice choice = overage.choice(tenantId);
        for (Limit limit : List.of(Limit.PROJECTS, Limit.VIDEO_MINUTES_PER_MONTH, Limit.API_CALLS_PER_MONTH)) {
            long used = meters.stream().filter(m -> m.limit() == limit).mapToLong(m -> m.current(tenantId)).sum();
            monthly.put(limit, used);
            boolean billedPast = choice.inForce() && usagePrices.meter(limit).flatMap(UsagePrices.Meter::priceId).isPresent();
            usage.add(new UsageRow(capitalised(limit.label()), used, limit.of(plan), switch (limit) {
                case VIDEO_MINUTES_PER_MONTH -> "this calendar month (UTC)" + (billedPast ? "; past the allowance billed as overage" : "");
                // Counted and enforced by the public API (docs/decisions/0185-api-rate-limits-and-quota.md).
                case API_CALLS_PER_MONTH -> "this calendar month (UTC), through your API keys"
                        + (billedPast ? "; past the allowance billed as overage" : "");
                default -> null;
            }, billedPast));
        }
        List<Offer> offers = Arrays.stream(Plan.values())
                .map(p -> new Offer(p, plan, standing.fallbackPlan(), p != Plan.FREE && prices.checkoutPrice(p).isPresent()))
                .toList();
        Instant now = clock.instant();
        List<OverageForecast> forecasts = new ArrayList<>();
        for (UsagePrices.Meter meter : usagePrices.meters()) {
            long allowance = meter.limit().of(plan);
            if (allowance != Plan.UNLIMITED) {
                boolean api = meter.limit() == Limit.API_CALLS_PER_MONTH;
                forecasts.add(OverageForecast.of(meter, api ? "API calls" : "Video minutes", api ? "calls" : "minutes",
                        monthly.getOrDefault(meter.limit(), 0L), allowance,
                        overage.unitsThisMonth(tenantId, meter.limit()), now,
                        choice.inForce() && meter.priceId().isPresent()));
            }
        }
        return new View(plan, standing, reading.subscription(), usage, offers, gateway.isConfigured(), now, choice,
                forecasts);
    }

    /** The tenant's paid and failed invoices, newest first. */
    @Transactional
    public Paged<Invoice> invoices(Integer page, int pageSize) {
        long total = Invoice.count();
        int current = Paged.clamp(page, total, pageSize);
        List<Invoice> rows = Invoice.<Invoice> find("order by stripeCreated desc, id").page(current - 1, pageSize).list();
        return new Paged<>(rows, current, Paged.pages(total, pageSize), total);
    }

    /** How a subscription's status reads on the page. */
    static String label(SubscriptionStatus status) {
        return switch (status) {
            case ACTIVE -> "Active";
            case TRIALING -> "Trial";
            case PAST_DUE -> "Past due";
            case CANCELED -> "Canceled";
            case UNPAID -> "Unpaid";
            case INCOMPLETE -> "Awaiting first payment";
            case PAUSED -> "Paused";
        };
    }

    private static String capitalised(String label) {
        return Character.toUpperCase(label.charAt(0)) + label.substring(1);
    }
}
