package pro.dailydoco.referral.guards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static pro.dailydoco.referral.ReferralPeople.bean;
import static pro.dailydoco.referral.ReferralPeople.scopedWork;

import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import pro.dailydoco.billing.TestCustomers;
import pro.dailydoco.billing.TestPayments;
import pro.dailydoco.billing.StripeFixtures;
import pro.dailydoco.billing.events.Plan;
import pro.dailydoco.referral.ReferralPeople;
import pro.dailydoco.tenant.Tenant;

/**
 * The same-person guard's view of who pays for a workspace comes from billing's published events (a customer
 * linked at checkout, an invoice paid with a card), kept in referral's own projection, and only the workspace's
 * creator can read it.
 */
@QuarkusTest
class PayerIdentitiesTest {

    @Test
    void aWorkspacesCustomerAndCardReachTheGuardThroughBillingsEvents() {
        UUID creator = ReferralPeople.signUpDirectly("payer-projection");
        Tenant workspace = ReferralPeople.workspaceCreatedBy(creator);
        String customer = TestCustomers.customerFor(workspace, Plan.TEAM);

        assertEquals(new PayerIdentities.Payers(Set.of(customer), Set.of()), payersAsCreator(creator),
                "checkout linked the customer before any invoice was paid");

        String card = StripeFixtures.unique("fp");
        TestPayments.payWithCard(workspace, Plan.TEAM, card);

        assertEquals(new PayerIdentities.Payers(Set.of(customer), Set.of(card)), payersAsCreator(creator));
    }

    @Test
    void nobodyButTheCreatorReadsTheirWorkspacesPayers() {
        UUID creator = ReferralPeople.signUpDirectly("payer-projection-owner");
        TestPayments.payWithCard(ReferralPeople.workspaceCreatedBy(creator), Plan.PRO, StripeFixtures.unique("fp"));
        UUID stranger = ReferralPeople.signUpDirectly("payer-projection-stranger");

        PayerIdentities.Payers seenByStranger = scopedWork().call(null, stranger,
                () -> bean(PayerIdentities.class).ofWorkspacesCreatedBy(creator));

        assertEquals(new PayerIdentities.Payers(Set.of(), Set.of()), seenByStranger);
    }

    private static PayerIdentities.Payers payersAsCreator(UUID creator) {
        return scopedWork().call(null, creator, () -> bean(PayerIdentities.class).ofWorkspacesCreatedBy(creator));
    }
}
