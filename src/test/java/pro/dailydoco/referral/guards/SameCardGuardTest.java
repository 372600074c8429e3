package pro.dailydoco.referral.guards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import pro.dailydoco.billing.StripeFixtures;
import pro.dailydoco.billing.TestPayments;
import pro.dailydoco.billing.events.Plan;
import pro.dailydoco.core.Money;
import pro.dailydoco.referral.LedgerRows;
import pro.dailydoco.referral.ReferralPeople;
import pro.dailydoco.referral.ledger.PeriodReconciliation;

/**
 * Fraud guard "same card", end to end: signed invoice.paid webhooks, billing looks the card up on Stripe (played
 * by WireMock), and the ledger in PostgreSQL shows who earned.
 */
@QuarkusTest
class SameCardGuardTest {

    private static final long TEAM = Plan.TEAM.monthlyPrice().minor();

    private static Money share(int basisPoints) {
        return Money.usd(TEAM * basisPoints / 10_000);
    }

    @Test
    void anEarnerWhoPaidForTheirOwnWorkspaceWithACardEarnsNothingFromADownlineInvoicePaidWithThatCard() {
        List<UUID> chain = ReferralPeople.chain(3, "same-card");
        UUID grandSponsor = chain.get(0);
        UUID sponsor = chain.get(1);
        UUID payer = chain.get(2);
        String cardX = StripeFixtures.unique("fp");
        TestPayments.payWithCard(ReferralPeople.workspaceCreatedBy(grandSponsor), Plan.TEAM, cardX);

        String paidWithX = TestPayments.payWithCard(ReferralPeople.workspaceCreatedBy(payer), Plan.TEAM, cardX);

        assertEquals(List.of(), LedgerRows.rowsOf(grandSponsor, paidWithX),
                "card X paid for the grand-sponsor's own workspace: level 2 is forfeited");
        assertEquals(share(2000), LedgerRows.amountOf(sponsor, paidWithX), "the sponsor still earns level 1");
        PeriodReconciliation.Line line = ReferralPeople.bean(PeriodReconciliation.class)
                .of(YearMonth.now(ZoneOffset.UTC)).lines().stream()
                .filter(l -> l.invoiceId().equals(paidWithX)).findFirst().orElseThrow();
        long levelsTwoToSeven = List.of(1500, 1000, 800, 500, 300, 200).stream().mapToLong(bp -> share(bp).minor()).sum();
        assertEquals(levelsTwoToSeven, line.forfeited(), "level 2 (same card) and levels 3–7 (nobody there) forfeit");
        assertTrue(line.balanced(), "every cent of the invoice is explained");

        String paidWithY = TestPayments.payWithCard(ReferralPeople.workspaceCreatedBy(payer), Plan.TEAM, StripeFixtures.unique("fp"));
        assertEquals(share(1500), LedgerRows.amountOf(grandSponsor, paidWithY), "another card earns normally");
        assertEquals(share(2000), LedgerRows.amountOf(sponsor, paidWithY));

        // Stripe cannot say which card paid (unknown payment intent): the invoice is processed without the check.
        String unknownCard = TestPayments.payInvoice(ReferralPeople.workspaceCreatedBy(payer), Plan.TEAM, StripeFixtures.unique("pi"));
        assertEquals(share(1500), LedgerRows.amountOf(grandSponsor, unknownCard));
        assertEquals(share(2000), LedgerRows.amountOf(sponsor, unknownCard));
    }
}
