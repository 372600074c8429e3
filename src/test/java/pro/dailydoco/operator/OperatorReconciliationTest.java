package pro.dailydoco.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import pro.dailydoco.core.web.Formats;
import pro.dailydoco.account.Role;
import pro.dailydoco.billing.StripeWebhookSender;
import pro.dailydoco.billing.TestCustomers;
import pro.dailydoco.billing.events.Plan;
import pro.dailydoco.billing.webhook.SampleStripeEvents;
import pro.dailydoco.referral.CommissionPlan;
import pro.dailydoco.referral.CommissionPlans;
import pro.dailydoco.referral.ReferralPeople;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;
import pro.dailydoco.support.TestTenants;
import pro.dailydoco.tenant.ScopedWork;
import pro.dailydoco.tenant.Tenant;

/** Reconciliation of invoices paid through signed webhooks down a referral chain signed up through /r/ links. */
@QuarkusTest
class OperatorReconciliationTest {

    @Inject
    ScopedWork scopedWork;

    @Inject
    CommissionPlans plans;

    @Test
    void paidAndRefundedInvoicesDownAChainBalanceToTheCent() {
        List<UUID> chain = ReferralPeople.chain(3, "recon");
        UUID payer = chain.get(2);
        Tenant tenant = scopedWork.call(null, null, () -> Tenant.<Tenant> find("createdByUserId", payer).firstResult());
        SampleStripeEvents.Ids ids = SampleStripeEvents.Ids.of(tenant.id, TestCustomers.customerFor(tenant, Plan.TEAM));
        Instant at = Instant.now().minusSeconds(120);
        StripeWebhookSender.post(SampleStripeEvents.checkoutCompleted(ids, at)).then().statusCode(200);
        StripeWebhookSender.post(SampleStripeEvents.subscriptionUpdated(ids, "price_team_monthly", "active", at.plusSeconds(1)))
                .then().statusCode(200);
        String kept = SampleStripeEvents.newId("in");
        String refunded = SampleStripeEvents.newId("in");
        String refundedIntent = SampleStripeEvents.newId("pi");
        StripeWebhookSender.post(SampleStripeEvents.invoice(ids, true, Plan.TEAM.monthlyPrice(), kept,
                SampleStripeEvents.newId("pi"), at.plusSeconds(2))).then().statusCode(200);
        StripeWebhookSender.post(SampleStripeEvents.invoice(ids, true, Plan.PRO.monthlyPrice(), refunded, refundedIntent,
                at.plusSeconds(3))).then().statusCode(200);
        StripeWebhookSender.post(SampleStripeEvents.chargeRefunded(ids, refundedIntent, Plan.PRO.monthlyPrice(),
                at.plusSeconds(4))).then().statusCode(200);

        CommissionPlan plan = plans.current();
        long net = Plan.TEAM.monthlyPrice().minor();
        long earned = net * plan.rateOfLevel(1) / 10_000 + net * plan.rateOfLevel(2) / 10_000;
        long forfeited = 0;
        for (int level = 3; level <= 7; level++) {
            forfeited += net * plan.rateOfLevel(level) / 10_000;
        }

        Browser operator = Operators.signedIn();
        String month = YearMonth.now(ZoneOffset.UTC).toString();
        Document page = Browser.html(operator.get("/operator/reconciliation?month=" + month).then().statusCode(200)
                .extract().response());
        assertTrue(page.selectFirst("#balance").text().startsWith("Balances"), page.selectFirst("#balance").text());
        List<String> keptCells = page.selectFirst("tr[data-invoice=" + kept + "]").select("td").eachText();
        assertEquals(List.of(Formats.cents(net), Formats.cents(net * plan.totalBasisPoints() / 10_000),
                Formats.cents(earned), Formats.cents(forfeited), "$0.00", "$0.00", Formats.cents(earned), "yes"), keptCells);
        Element refundedRow = page.selectFirst("tr[data-invoice=" + refunded + "]");
        List<String> refundedCells = refundedRow.select("td").eachText();
        assertEquals(refundedCells.get(2), refundedCells.get(5), "a full refund claws back everything earned: " + refundedCells);
        assertEquals("$0.00", refundedCells.get(6));
        assertEquals("yes", refundedCells.get(7));
        assertTrue(page.selectFirst("tr.total").text().endsWith("yes"));

        Response csv = operator.request().accept("text/csv,*/*").get("/operator/reconciliation/export.csv?month=" + month);
        assertEquals(200, csv.statusCode());
        assertTrue(csv.asString().contains(kept + ",USD," + net + ","), csv.asString());
        assertTrue(csv.asString().lines().filter(l -> l.startsWith("TOTAL,")).allMatch(l -> l.endsWith(",true")), csv.asString());
    }

    @Test
    void anEmptyMonthSaysSoAndABadMonthIsRefused() {
        Browser operator = Operators.signedIn();
        Document page = Browser.html(operator.get("/operator/reconciliation?month=1999-01"));
        assertTrue(page.selectFirst(".empty-state").text().contains("No invoices were paid in Jan 1999"));
        assertEquals(400, operator.get("/operator/reconciliation?month=nope").statusCode());
        Browser owner = Accounts.signedInMember(TestTenants.create("recon-notops"), Role.OWNER);
        owner.get("/operator/reconciliation").then().statusCode(404);
    }
}
