package pro.dailydoco.referral.payout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pro.dailydoco.referral.ReferralPeople.scopedWork;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import pro.dailydoco.core.Money;
import pro.dailydoco.referral.ReferralPeople;
import pro.dailydoco.referral.ledger.CommissionApprovalJob;
import pro.dailydoco.referral.ledger.CommissionLedger;
import pro.dailydoco.referral.ledger.CommissionLedgerDatabaseTest;
import pro.dailydoco.support.LockWaits;

/** Two batches paying the same earner at the same moment pay their balance once: the second waits, then finds it paid. */
@QuarkusTest
class PayoutRaceTest {

    @Inject
    CommissionLedger ledger;

    @Inject
    CommissionApprovalJob job;

    @Inject
    PayoutBatches batches;

    @Test
    void aBalanceIsPaidOnceWhenTwoBatchesPayTheEarnerAtOnce() throws Exception {
        UUID earner = ReferralPeople.signUpDirectly("race-earner");
        UUID payer = ReferralPeople.signUpThroughLinkOf(earner, "race-payer");
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        CommissionLedgerDatabaseTest.paid(ledger, CommissionLedgerDatabaseTest.invoiceId(), payer, 30_000,
                at.minus(Duration.ofDays(31))); // level 1: $60, past the hold period
        job.approveDue(at);
        Money threshold = Money.usd(5_000);

        CompletableFuture<Optional<Payout>> second = new CompletableFuture<>();
        Optional<Payout> first = scopedWork().call(null, earner, () -> {
            Optional<Payout> paid = batches.payUser("race-a-" + UUID.randomUUID(), earner, threshold, at);
            CompletableFuture.runAsync(() -> second.complete(scopedWork().call(null, earner,
                    () -> batches.payUser("race-b-" + UUID.randomUUID(), earner, threshold, at))));
            LockWaits.awaitLockWaiter(); // the second batch waits for this one's transaction
            assertTrue(!second.isDone(), "the second batch waits while the first has not committed");
            return paid;
        });

        assertEquals(Optional.of(Money.usd(6_000)), first.map(Payout::amount));
        assertEquals(Optional.empty(), second.get(10, TimeUnit.SECONDS), "the balance was paid by the first batch");
    }
}
