package pro.dailydoco.referral.guards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static pro.dailydoco.referral.ReferralPeople.bean;
import static pro.dailydoco.referral.ReferralPeople.scopedWork;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import pro.dailydoco.billing.TestCustomers;
import pro.dailydoco.billing.events.Plan;
import pro.dailydoco.core.Money;
import pro.dailydoco.referral.CommissionPlan;
import pro.dailydoco.referral.LedgerRows;
import pro.dailydoco.referral.ReferralPeople;
import pro.dailydoco.referral.ledger.Ancestor;
import pro.dailydoco.referral.ledger.AncestorProfiles;
import pro.dailydoco.referral.ledger.CommissionCalculator;
import pro.dailydoco.referral.ledger.CommissionLedger;
import pro.dailydoco.referral.ledger.CommissionLedgerDatabaseTest;
import pro.dailydoco.referral.ledger.CommissionResult;
import pro.dailydoco.referral.ledger.CommissionableInvoice;

/** Fraud guard "same Stripe customer" in the database path: the customers of the workspaces an ancestor created. */
@QuarkusTest
class SameCustomerGuardTest {

    @Inject
    CommissionLedger ledger;

    @Test
    void anAncestorWhoseOwnWorkspaceIsThePayingStripeCustomerEarnsNothingAndOthersEarn() {
        List<UUID> chain = ReferralPeople.chain(3, "same-customer");
        UUID grandSponsor = chain.get(0);
        UUID sponsor = chain.get(1);
        UUID payer = chain.get(2);
        String sponsorsCustomer = TestCustomers.customerFor(ReferralPeople.workspaceCreatedBy(sponsor), Plan.TEAM);

        Ancestor profile = scopedWork().call(null, null, () -> bean(AncestorProfiles.class).of(sponsor));
        assertEquals(Set.of(sponsorsCustomer), profile.person().stripeCustomerIds());
        CommissionResult result = CommissionCalculator.calculate(new CommissionableInvoice("in_check",
                new PersonIdentity(payer, null, Set.of(sponsorsCustomer), Set.of()), Money.usd(10_000), now()),
                List.of(profile), CommissionPlan.defaultPlan(1));
        assertEquals(Set.of(Ineligibility.SAME_PERSON_AS_PAYER), result.forfeited().get(0).reasons());

        // The payer's invoice is paid by the sponsor's own Stripe customer.
        String invoice = CommissionLedgerDatabaseTest.invoiceId();
        scopedWork().call(null, null, () -> ledger.recordInvoicePaid(invoice, payer, sponsorsCustomer, null,
                Money.usd(10_000), now()));
        assertEquals(List.of(), LedgerRows.rowsOf(sponsor, invoice), "the sponsor is the paying customer");
        assertEquals(Money.usd(1_500), LedgerRows.amountOf(grandSponsor, invoice), "level 2 earns as usual");

        String otherInvoice = CommissionLedgerDatabaseTest.invoiceId();
        scopedWork().call(null, null, () -> ledger.recordInvoicePaid(otherInvoice, payer, "cus_someone_else", null,
                Money.usd(10_000), now()));
        assertEquals(Money.usd(2_000), LedgerRows.amountOf(sponsor, otherInvoice), "another customer: the sponsor earns");
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
