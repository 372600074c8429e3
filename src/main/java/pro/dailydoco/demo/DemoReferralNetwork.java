package pro.dailydoco.demo;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.quarkus.arc.profile.UnlessBuildProfile;
import io.quarkus.logging.Log;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.event.Observes;
import pro.dailydoco.account.AccountService;
import pro.dailydoco.account.DemoData;
import pro.dailydoco.account.User;
import pro.dailydoco.billing.BillingConfig;
import pro.dailydoco.billing.Invoice;
import pro.dailydoco.billing.PlanPrices;
import pro.dailydoco.billing.events.Plan;
import pro.dailydoco.billing.webhook.SampleStripeEvents;
import pro.dailydoco.billing.webhook.StripeSignature;
import pro.dailydoco.billing.webhook.StripeWebhooks;
import pro.dailydoco.referral.attribution.ReferralClicks;
import pro.dailydoco.referral.attribution.ReferralCodes;
import pro.dailydoco.referral.leaderboard.Leaderboard;
import pro.dailydoco.tenant.ScopedWork;
import pro.dailydoco.tenant.TenantDefinitions;

/**
 * Dev mode: a small referral network below the demo owner, so the referral dashboard, leaderboard and viral metrics
 * show something true right after {@code quarkus:dev}. Nothing here writes a figure: every person follows their
 * sponsor's link (a stored click) and signs up with it through {@link AccountService}, and every payment is a signed
 * sample Stripe event fed to the webhook pipeline (as {@code /dev/stripe} does), so attribution, the ledger, the
 * roll-ups and the metrics are what those real paths make of it. Idempotent: a person who exists and a workspace
 * that has paid are left alone.
 * <p>
 * Not in production builds; at start-up it runs only in dev mode. Tests call {@link #seedBelow} for a root of their
 * own.
 */
@ApplicationScoped
@UnlessBuildProfile("prod")
public class DemoReferralNetwork {

    static final String DEMO_OWNER = "owner@demo.dailydoco.test";

    /** One person of the network: their sponsor (null = the root), workspace, and the plan they pay for, if any. */
    record Person(String key, String sponsor, String displayName, String workspace, Plan pays) {
    }

    /** Four levels deep below the root; four of seven pay (Team or Pro), three stay free. */
    static final List<Person> PEOPLE = List.of(
            new Person("ada", null, "Ada Atlas", "Atlas Docs", Plan.TEAM),
            new Person("ben", null, "Ben Beacon", "Beacon Labs", Plan.PRO),
            new Person("cleo", null, "Cleo Comet", "Comet Studio", null),
            new Person("dan", "ada", "Dan Delta", "Delta Guides", Plan.PRO),
            new Person("eve", "ben", "Eve Echo", "Echo Wiki", null),
            new Person("finn", "dan", "Finn Fjord", "Fjord Manuals", Plan.TEAM),
            new Person("gia", "finn", "Gia Gemini", "Gemini Notes", null));

    /** Visitors who followed the root's link and did not sign up (conversion below 100 %). */
    static final int EXTRA_CLICKS = 4;

    private final ScopedWork scopedWork;
    private final AccountService accounts;
    private final ReferralCodes codes;
    private final ReferralClicks clicks;
    private final StripeWebhooks webhooks;
    private final BillingConfig billingConfig;
    private final PlanPrices prices;
    private final Leaderboard leaderboard;
    private final Clock clock;

    DemoReferralNetwork(ScopedWork scopedWork, AccountService accounts, ReferralCodes codes, ReferralClicks clicks,
            StripeWebhooks webhooks, BillingConfig billingConfig, PlanPrices prices, Leaderboard leaderboard,
            Clock clock) {
        this.scopedWork = scopedWork;
        this.accounts = accounts;
        this.codes = codes;
        this.clicks = clicks;
        this.webhooks = webhooks;
        this.billingConfig = billingConfig;
        this.prices = prices;
        this.leaderboard = leaderboard;
        this.clock = clock;
    }

    void seedInDevMode(@Observes @Priority(TenantDefinitions.STARTUP_PRIORITY + 20) StartupEvent event) {
        if (LaunchMode.current() != LaunchMode.DEVELOPMENT) {
            return;
        }
        Optional<UUID> owner = scopedWork.call(null, null, () -> User.findByEmail(DEMO_OWNER).map(u -> u.id));
        if (owner.isEmpty()) {
            return;
        }
        int created = seedBelow(owner.get(), "network.demo.dailydoco.test");
        Log.infof("Demo referral network below %s ready (%d new people; password %s)", DEMO_OWNER, created,
                DemoData.PASSWORD);
    }

    /**
     * Builds the network below {@code rootUserId} with emails {@code key@emailDomain}, then refreshes the leaderboard
     * (its own job's work, done now rather than at the next tick). Returns how many people were created.
     */
    @ActivateRequestContext
    public int seedBelow(UUID rootUserId, String emailDomain) {
        Map<String, UUID> ids = new HashMap<>();
        int created = 0;
        for (Person person : PEOPLE) {
            String email = person.key() + "@" + emailDomain;
            UUID sponsor = person.sponsor() == null ? rootUserId : ids.get(person.sponsor());
            Optional<UUID> existing = scopedWork.call(null, null, () -> User.findByEmail(email).map(u -> u.id));
            UUID userId = existing.orElseGet(() -> signUpThroughLinkOf(sponsor, person, email, ids.size()));
            created += existing.isPresent() ? 0 : 1;
            ids.put(person.key(), userId);
            if (person.pays() != null) {
                payFirstInvoice(userId, person.pays());
            }
        }
        if (created == PEOPLE.size()) {
            for (int i = 0; i < EXTRA_CLICKS; i++) {
                follow(rootUserId, visitorAddress(100 + i));
            }
        }
        leaderboard.refresh(clock.instant());
        return created;
    }

    private UUID signUpThroughLinkOf(UUID sponsor, Person person, String email, int index) {
        String address = visitorAddress(index);
        String token = follow(sponsor, address);
        AccountService.SignUp form = new AccountService.SignUp(email, DemoData.PASSWORD, person.workspace(),
                person.displayName(), null, token);
        return scopedWork.call(null, null, () -> accounts.signUp(form, address, "demo-referral-network").user().id);
    }

    /** A stored click on the sponsor's link; returns the signed token a browser would carry in its cookie. */
    private String follow(UUID sponsor, String address) {
        String code = scopedWork.call(null, sponsor, () -> codes.codesOf(sponsor).generated());
        return scopedWork.call(null, null, () -> clicks.record(code, address, null, clock.instant())).orElseThrow();
    }

    /**
     * Checkout, an active subscription and its first paid invoice for the person's workspace, each a signed sample
     * event through the webhook pipeline. Skipped once the workspace has a paid invoice.
     */
    private void payFirstInvoice(UUID userId, Plan plan) {
        UUID tenantId = scopedWork.call(null, null, () -> User.<User> findById(userId).homeTenantId);
        boolean paid = scopedWork.asTenant(tenantId, () -> Invoice.count("status", Invoice.Status.PAID) > 0);
        if (paid) {
            return;
        }
        SampleStripeEvents.Ids ids = SampleStripeEvents.Ids.of(tenantId, null);
        String priceId = prices.checkoutPrice(plan).orElseThrow(
                () -> new IllegalStateException("No Stripe price configured for " + plan.displayName()));
        Instant now = clock.instant();
        deliver(SampleStripeEvents.checkoutCompleted(ids, now));
        deliver(SampleStripeEvents.subscriptionUpdated(ids, priceId, "active", now));
        deliver(SampleStripeEvents.invoice(ids, true, plan.monthlyPrice(), SampleStripeEvents.newId("in"),
                SampleStripeEvents.newId("pi"), now));
    }

    private void deliver(String payload) {
        String secret = billingConfig.webhookSecret().orElseThrow(
                () -> new IllegalStateException("The demo network needs a webhook signing secret (dev has one)"));
        webhooks.receive(payload.getBytes(StandardCharsets.UTF_8),
                StripeSignature.header(payload, clock.instant(), secret));
    }

    /** Addresses from TEST-NET-2 (RFC 5737), one per visitor, so screening sees separate people. */
    private static String visitorAddress(int index) {
        return "198.51.100." + (10 + index);
    }
}
