package pro.dailydoco.referral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pro.dailydoco.referral.ReferralPeople.codeOf;
import static pro.dailydoco.referral.ReferralPeople.scopedWork;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import pro.dailydoco.account.Role;
import pro.dailydoco.core.Money;
import pro.dailydoco.referral.ledger.CommissionLedger;
import pro.dailydoco.referral.ledger.CommissionLedgerDatabaseTest;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;
import pro.dailydoco.tenant.Tenant;

/**
 * A workspace may switch the referral program off for the people whose home it is
 * (docs/decisions/0022-home-workspace-opt-out.md).
 */
@QuarkusTest
class ReferralProgramOptOutTest {

    @Inject
    CommissionLedger ledger;

    @Inject
    EntityManager entityManager;

    @Test
    void earnerWhoseHomeTenantOptedOutForfeitsFutureInvoicesOnly() {
        UUID root = ReferralPeople.signUpDirectly("optout-root");
        Browser sponsorBrowser = new Browser();
        sponsorBrowser.get("/r/" + codeOf(root));
        String sponsorEmail = Accounts.uniqueEmail("optout-sponsor");
        String slug = Accounts.signUp(sponsorBrowser, sponsorEmail, "Opt-out workspace");
        UUID sponsor = Accounts.user(sponsorEmail).id;
        UUID payer = ReferralPeople.signUpThroughLinkOf(sponsor, "optout-payer");

        String before = CommissionLedgerDatabaseTest.invoiceId();
        CommissionLedgerDatabaseTest.paid(ledger, before, payer, 10_000, now());
        assertEquals(Money.usd(2_000), LedgerRows.amountOf(sponsor, before));

        assertEquals(200, sponsorBrowser.get("/t/" + slug + "/settings/referrals").statusCode());
        assertEquals(303, sponsorBrowser.post("/t/" + slug + "/settings/referrals", "disabled", "true").statusCode());
        assertTrue(Browser.html(sponsorBrowser.get("/t/" + slug + "/settings/referrals")).selectFirst("#program-off")
                .hasAttr("checked"));

        String after = CommissionLedgerDatabaseTest.invoiceId();
        CommissionLedgerDatabaseTest.paid(ledger, after, payer, 10_000, now());
        assertEquals(List.of(), LedgerRows.rowsOf(sponsor, after), "level 1 is forfeited");
        assertEquals(Money.usd(1_500), LedgerRows.amountOf(root, after), "level 2 still earns its own rate, nothing more");
        assertEquals(Money.usd(2_000), LedgerRows.amountOf(sponsor, before), "earlier commissions stay");

        UUID tenantId = scopedWork().call(null, null, () -> Tenant.findBySlug(slug).map(t -> t.id).orElseThrow());
        List<?> actions = scopedWork().call(tenantId, null, () -> entityManager.createNativeQuery(
                "select action from audit_entry where tenant_id = ?1 and actor_user_id = ?2 order by seq")
                .setParameter(1, tenantId).setParameter(2, sponsor).getResultList());
        assertTrue(actions.contains("referral.program-disabled"), actions.toString());
    }

    @Test
    void onlyOwnersAndAdminsMaySwitchTheProgram() {
        Tenant tenant = pro.dailydoco.support.TestTenants.create("optout-roles");
        Browser member = Accounts.signedInMember(tenant, Role.MEMBER);
        assertEquals(403, member.get("/t/" + tenant.slug + "/settings/referrals").statusCode());
        assertEquals(403, member.post("/t/" + tenant.slug + "/settings/referrals", "disabled", "true").statusCode());
        Browser admin = Accounts.signedInMember(tenant, Role.ADMIN);
        assertEquals(200, admin.get("/t/" + tenant.slug + "/settings/referrals").statusCode());
        assertEquals(303, admin.post("/t/" + tenant.slug + "/settings/referrals", "disabled", "true").statusCode());
        assertTrue(scopedWork().call(null, null, () -> Tenant.<Tenant>findById(tenant.id).referralProgramDisabled));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
