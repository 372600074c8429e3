package pro.dailydoco.referral.payout;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import pro.dailydoco.billing.StripeWireMock;
import pro.dailydoco.referral.ReferralPeople;
import pro.dailydoco.referral.ledger.CommissionApprovalJob;
import pro.dailydoco.referral.ledger.CommissionLedger;
import pro.dailydoco.referral.ledger.CommissionLedgerDatabaseTest;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;

/**
 * CSV first; Stripe Connect transfers only for earners with a connected account on record
 * (docs/decisions/0027-csv-first-payouts-and-stripe-connect.md).
 */
@QuarkusTest
class ConnectPayoutsTest {

    @Inject
    CommissionLedger ledger;

    @Inject
    CommissionApprovalJob job;

    @Inject
    PayoutBatches batches;

    @Test
    void connectedEarnerIsPaidByOneTransferAndOthersOnlyInTheCsv() {
        String connectedEmail = Accounts.uniqueEmail("connect-earner");
        Accounts.signUp(new Browser(), connectedEmail, "Connected earner");
        UUID connected = Accounts.user(connectedEmail).id;
        UUID byHand = ReferralPeople.signUpDirectly("csv-earner");
        Instant paidAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        CommissionLedgerDatabaseTest.paid(ledger, CommissionLedgerDatabaseTest.invoiceId(),
                ReferralPeople.signUpThroughLinkOf(connected, "connect-payer"), 30_000, paidAt);
        CommissionLedgerDatabaseTest.paid(ledger, CommissionLedgerDatabaseTest.invoiceId(),
                ReferralPeople.signUpThroughLinkOf(byHand, "csv-payer"), 30_000, paidAt);
        job.approveDue(paidAt.plus(Duration.ofDays(31)));

        Browser operator = Accounts.signedInOperator();
        UUID operatorId = Accounts.user("operator@platform.test").id;
        assertEquals(200, operator.get("/operator/payout-destinations").statusCode());
        assertEquals(400, operator.post("/operator/payout-destinations", "email", connectedEmail,
                "accountId", "acct_../../x").statusCode(), "only a Stripe account id is accepted");
        assertEquals(303, operator.post("/operator/payout-destinations", "email", connectedEmail,
                "accountId", "acct_1TestConnected01").statusCode());
        String listed = operator.get("/operator/payout-destinations").asString();
        assertTrue(listed.contains(connectedEmail) && listed.contains("acct_1TestConnected01"),
                "the page lists the account on record");

        String batchId = "batch-" + UUID.randomUUID();
        List<Payout> payouts = batches.runBatch(operatorId, batchId);
        Payout paidByTransfer = payouts.stream().filter(p -> p.userId().equals(connected)).findFirst().orElseThrow();
        // One transfer to the connected account, keyed by the payout id, and the transfer Stripe answered is recorded.
        StripeWireMock.instance().verify(1, postRequestedFor(urlPathEqualTo("/v1/transfers"))
                .withFormParam("destination", equalTo("acct_1TestConnected01")));
        StripeWireMock.instance().verify(1, transferOf(paidByTransfer.payoutId())
                .withFormParam("amount", equalTo("6000"))
                .withFormParam("currency", equalTo("usd"))
                .withFormParam("destination", equalTo("acct_1TestConnected01")));
        String answered = StripeWireMock.instance().answersTo(transferOf(paidByTransfer.payoutId())).get(0).path("id")
                .asText();
        assertEquals(answered, batches.transferOf(paidByTransfer).orElseThrow());

        String csv = batches.csv(payouts);
        assertTrue(csv.contains(byHand.toString()), "the earner without a connected account is in the CSV");
        assertFalse(csv.contains(connected.toString()), "the connected earner is not paid twice by hand");

        batches.runBatch(operatorId, batchId);
        StripeWireMock.instance().verify(1, transferOf(paidByTransfer.payoutId()));
    }

    /** The transfer of a payout: its Idempotency-Key header is the payout id. */
    private static RequestPatternBuilder transferOf(String payoutId) {
        return postRequestedFor(urlPathEqualTo("/v1/transfers")).withHeader("Idempotency-Key", equalTo(payoutId));
    }
}
