package pro.dailydoco.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import pro.dailydoco.account.Role;
import pro.dailydoco.core.Money;
import pro.dailydoco.referral.ReferralPeople;
import pro.dailydoco.referral.ledger.CommissionApprovalJob;
import pro.dailydoco.referral.ledger.CommissionLedger;
import pro.dailydoco.referral.payout.PayoutBatchReports;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;
import pro.dailydoco.support.TestTenants;
import pro.dailydoco.tenant.ScopedWork;

/** The operator's payout page: confirmation, run, result, lists and the CSV. */
@QuarkusTest
class OperatorPayoutsTest {

    @Inject
    CommissionLedger ledger;

    @Inject
    CommissionApprovalJob approvals;

    @Inject
    ScopedWork scopedWork;

    @Inject
    PayoutBatchReports operatorPayouts;

    @Inject
    jakarta.persistence.EntityManager entityManager;

    @Test
    void operatorRunsABatchSeesItsPayoutsAndDownloadsTheCsv() {
        List<UUID> chain = ReferralPeople.chain(2, "payout-page");
        Instant paidAt = Instant.now().truncatedTo(ChronoUnit.MICROS).minus(Duration.ofDays(31));
        scopedWork.call(null, null, () -> ledger.recordInvoicePaid("in_" + UUID.randomUUID(), chain.get(1),
                "cus_" + chain.get(1), null, Money.usd(30_000), paidAt));
        approvals.approveDue(Instant.now());

        Browser operator = Operators.signedIn();
        Document page = Browser.html(operator.get("/operator/payouts").then().statusCode(200).extract().response());
        assertTrue(page.text().contains("Stripe Connect transfers are not available"), "the page names the CSV as the path");
        assertTrue(page.selectFirst("form[action=/operator/payouts/run]").hasAttr("data-confirm"), "confirmation first");

        String batchId = "test-" + UUID.randomUUID().toString().substring(0, 8);
        Response run = operator.post("/operator/payouts/run", "batchId", batchId);
        assertEquals(303, run.statusCode(), run.asString());
        Document result = Browser.html(operator.follow(run));
        assertTrue(result.selectFirst(".flash").text().startsWith("Batch " + batchId + ":"), result.selectFirst(".flash").text());
        List<String> payouts = result.select("#payouts tbody tr").eachText();
        String mine = batchId + ":" + chain.get(0);
        assertTrue(payouts.stream().anyMatch(r -> r.contains(mine) && r.contains("$60")), payouts.toString());
        assertTrue(result.select("#batches tbody tr").eachText().stream().anyMatch(r -> r.startsWith(batchId)));
        PayoutBatchReports.Batch batch = operatorPayouts.batches().stream().filter(b -> b.batchId().equals(batchId))
                .findFirst().orElseThrow();
        List<pro.dailydoco.referral.payout.Payout> paid = operatorPayouts.payouts(batchId);
        assertEquals(paid.size(), batch.payouts(), "the batch's count is its payouts'");
        assertEquals(paid.stream().map(pro.dailydoco.referral.payout.Payout::amount).reduce(Money::plus).orElseThrow(),
                batch.total(), "the batch's total is the sum of its payouts");
        assertTrue(paid.stream().allMatch(p -> p.batchId().equals(batchId)), "only this batch's payouts");
        assertEquals(batch, operatorPayouts.batches().stream().filter(b -> b.batchId().equals(batchId)).findFirst()
                .orElseThrow(), "running nothing twice");
        assertEquals(303, operator.post("/operator/payouts/run", "batchId", batchId).statusCode());
        assertEquals(batch, operatorPayouts.batches().stream().filter(b -> b.batchId().equals(batchId)).findFirst()
                .orElseThrow(), "the same batch id again pays and counts nothing more");

        Response csv = operator.request().accept("text/csv,*/*").get("/operator/payouts/" + batchId + "/payouts.csv");
        assertEquals(200, csv.statusCode());
        assertTrue(csv.getHeader("Content-Disposition").contains(batchId + ".csv"));
        assertTrue(csv.asString().startsWith("payout_id,user_id,email,amount,currency\n"), csv.asString());
        assertTrue(csv.asString().contains(mine + "," + chain.get(0) + ",\"" + emailOf(chain.get(0))
                + "\",60.00,USD"), csv.asString());
    }

    private String emailOf(UUID userId) {
        return scopedWork.call(null, null, () -> (String) entityManager.createNativeQuery(
                "select email from app_user where id = ?1").setParameter(1, userId).getSingleResult());
    }

    @Test
    void aBadBatchIdIsExplainedBesideTheField() {
        Browser operator = Operators.signedIn();
        operator.get("/operator/payouts");
        Response response = operator.post("/operator/payouts/run", "batchId", "no spaces/allowed");
        assertEquals(400, response.statusCode());
        Document page = Browser.html(response);
        assertTrue(page.selectFirst("#batchId-error").text().contains("letters, digits"), page.selectFirst("#batchId-error").text());
        assertEquals("true", page.selectFirst("#batchId").attr("aria-invalid"));
    }

    @Test
    void aBatchThatNeverRanIsNotFoundAndOneThatPaidNobodyIsListed() {
        Browser operator = Operators.signedIn();
        UUID operatorId = Accounts.user(Operators.EMAIL).id;
        Response unknown = operator.get("/operator/payouts?batch=never-ran-" + UUID.randomUUID().toString().substring(0, 8));
        assertEquals(404, unknown.statusCode());
        assertTrue(Browser.html(unknown).text().contains("There is no payout batch never-ran-"));
        assertEquals(404, operator.request().accept("text/csv,*/*").get("/operator/payouts/never-ran-x/payouts.csv")
                .statusCode());

        String empty = "empty-" + UUID.randomUUID().toString().substring(0, 8);
        approvals.approveDue(Instant.now());
        operatorPayouts.run(operatorId, empty); // pays whoever is due now
        String nobody = empty + "-again";
        assertEquals(List.of(), operatorPayouts.run(operatorId, nobody), "everything due was paid by the first batch");
        assertEquals(0, operatorPayouts.batch(nobody).orElseThrow().payouts(), "a batch that paid nobody is on record");
        assertTrue(Browser.html(operator.get("/operator/payouts?batch=" + nobody)).text().contains("This batch paid nobody"));
    }

    @Test
    void operatorMoneyPagesAre404ForEveryoneElse() {
        Browser owner = Accounts.signedInMember(TestTenants.create("pay-notops"), Role.OWNER);
        owner.get("/operator/payouts").then().statusCode(404);
        owner.post("/operator/payouts/run", "batchId", "x").then().statusCode(404);
        owner.request().accept("text/csv,*/*").get("/operator/payouts/x/payouts.csv").then().statusCode(404);
    }
}
