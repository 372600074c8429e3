package pro.dailydoco.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import pro.dailydoco.core.web.Formats;
import pro.dailydoco.core.Money;
import pro.dailydoco.referral.CommissionPlan;
import pro.dailydoco.referral.CommissionPlans;
import pro.dailydoco.referral.ReferralPeople;
import pro.dailydoco.referral.ledger.CommissionLedger;
import pro.dailydoco.referral.ledger.CommissionLedgerDatabaseTest;
import pro.dailydoco.support.Browser;
import pro.dailydoco.support.OwnerRole;
import pro.dailydoco.tenant.ScopedWork;

/**
 * The reconciliation checks the rule itself for every invoice and level — a level stands at
 * {@code floor((net − refunded) × rate / 10000)}, 0 after a lost dispute, 0 where the level was forfeited — and names
 * the line that breaks it. The wrong rows are planted as the owner role, past the ledger's service and grants.
 */
@QuarkusTest
class ReconciliationWrongLinesTest {

    @Inject
    CommissionLedger ledger;

    @Inject
    CommissionPlans plans;

    @Inject
    ScopedWork scopedWork;

    @Test
    void aPlantedRowIsNamedByInvoiceLevelExpectedAndActual() {
        List<UUID> chain = ReferralPeople.chain(3, "recon-wrong");
        UUID payer = chain.get(2);
        // A month of its own, so no other test's invoices share the report.
        YearMonth month = YearMonth.of(ThreadLocalRandom.current().nextInt(1971, 1996), ThreadLocalRandom.current().nextInt(1, 13));
        Instant paidAt = month.atDay(10).atStartOfDay().toInstant(ZoneOffset.UTC);
        CommissionPlan plan = plans.current();

        String refunded = CommissionLedgerDatabaseTest.invoiceId();
        CommissionLedgerDatabaseTest.paid(ledger, refunded, payer, 10_000, paidAt);
        scopedWork.run(null, null, () -> ledger.recordRefund(refunded, payer, Money.usd(4_000), paidAt.plusSeconds(60)));
        String disputed = CommissionLedgerDatabaseTest.invoiceId();
        CommissionLedgerDatabaseTest.paid(ledger, disputed, payer, 5_000, paidAt.plusSeconds(1));
        String dispute = "dp_" + UUID.randomUUID();
        scopedWork.run(null, null, () -> {
            ledger.recordDisputeOpened(disputed, payer, dispute, paidAt.plusSeconds(121));
            ledger.recordDisputeClosed(disputed, payer, dispute, true, paidAt.plusSeconds(180));
        });
        String clean = CommissionLedgerDatabaseTest.invoiceId();
        CommissionLedgerDatabaseTest.paid(ledger, clean, payer, 7_700, paidAt.plusSeconds(2));

        Browser operator = Operators.signedIn();
        Document before = page(operator, month);
        assertTrue(before.selectFirst("#balance").text().startsWith("Balances"), before.selectFirst("#balance").text());
        assertNull(before.selectFirst("#breaks"), "no line breaks the rule yet");

        long level1 = (10_000 - 4_000) * (long) plan.rateOfLevel(1) / 10_000;
        plant(refunded, chain.get(1), payer, 1, -700, plan);
        plant(disputed, chain.get(0), payer, 3, 300, plan); // level 3 has no ancestor: forfeited, and lost anyway

        Document after = page(operator, month);
        assertTrue(after.selectFirst("#balance").text().startsWith("Does not balance"), after.selectFirst("#balance").text());
        Element breaks = after.selectFirst("#breaks");
        assertNotNull(breaks, after.text());
        assertEquals(List.of(refunded + " 1 " + chain.get(1) + " " + Formats.cents(level1) + " " + Formats.cents(level1 - 700),
                disputed + " 3 " + chain.get(0) + " $0.00 $3.00").stream().sorted().toList(),
                breaks.select("tbody tr").eachText().stream().sorted().toList());
        assertEquals("no", after.selectFirst("tr[data-invoice=" + refunded + "]").select("td").last().text());
        assertEquals("no", after.selectFirst("tr[data-invoice=" + disputed + "]").select("td").last().text());
        assertEquals("yes", after.selectFirst("tr[data-invoice=" + clean + "]").select("td").last().text());

        Response csv = operator.request().accept("text/csv,*/*").get("/operator/reconciliation/export.csv?month=" + month);
        assertEquals(200, csv.statusCode());
        List<String> lines = csv.asString().lines().toList();
        assertTrue(lines.contains("invoice_id,level,earner_user_id,expected,actual"), csv.asString());
        assertTrue(lines.contains(refunded + ",1," + chain.get(1) + "," + level1 + "," + (level1 - 700)), csv.asString());
        assertTrue(lines.contains(disputed + ",3," + chain.get(0) + ",0,300"), csv.asString());
        assertTrue(lines.stream().noneMatch(l -> l.startsWith(clean + ",") && !l.startsWith(clean + ",USD,")),
                "the clean invoice breaks nothing: " + csv.asString());
    }

    private static Document page(Browser operator, YearMonth month) {
        return Browser.html(operator.get("/operator/reconciliation?month=" + month).then().statusCode(200).extract().response());
    }

    /** An amount row written straight into the table as its owner: no service, no append-only grant in the way. */
    private static void plant(String invoice, UUID earner, UUID payer, int level, long amount, CommissionPlan plan) {
        OwnerRole.asUser(earner, c -> {
            try (PreparedStatement insert = c.prepareStatement("""
                    insert into commission_entry (invoice_id, user_id, level, kind, discriminator, amount_minor, currency,
                        plan_version, rate_bp, recorded_at, payer_user_id)
                    values (?, ?, ?, 'ADJUSTMENT', ?, ?, 'USD', ?, ?, now(), ?)""")) {
                insert.setString(1, invoice);
                insert.setObject(2, earner);
                insert.setInt(3, level);
                insert.setLong(4, ThreadLocalRandom.current().nextLong(1_000_000, Long.MAX_VALUE));
                insert.setLong(5, amount);
                insert.setInt(6, plan.version());
                insert.setInt(7, plan.rateOfLevel(level));
                insert.setObject(8, payer);
                insert.executeUpdate();
            }
        });
    }
}
