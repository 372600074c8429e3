package pro.dailydoco.referral.guards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pro.dailydoco.referral.ReferralPeople.codeOf;
import static pro.dailydoco.referral.ReferralPeople.scopedWork;
import static pro.dailydoco.referral.ReferralPeople.signUpDirectly;
import static pro.dailydoco.referral.ReferralPeople.sponsorOf;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import pro.dailydoco.account.UserSignedUp;
import pro.dailydoco.core.DomainException;
import pro.dailydoco.core.Money;
import pro.dailydoco.referral.CommissionPlan;
import pro.dailydoco.referral.CommissionPlans;
import pro.dailydoco.referral.LedgerRows;
import pro.dailydoco.referral.ReferralPeople;
import pro.dailydoco.referral.ledger.CommissionLedger;
import pro.dailydoco.referral.ledger.CommissionLedgerDatabaseTest;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;

/** Fraud guards and edge rules around attribution and earning. */
@QuarkusTest
class ReferralGuardsTest {

    @Inject
    CommissionLedger ledger;

    @Inject
    CommissionPlans plans;

    @Test
    void clickFloodingFromOneAddressStopsRecordingClicks() {
        String code = codeOf(signUpDirectly("flooded"));
        Browser browser = new Browser();
        Response last = null;
        for (int i = 0; i < 30; i++) {
            last = browser.get("/r/" + code);
            if (i == 0) {
                assertNotNull(last.getDetailedCookie(UserSignedUp.ATTRIBUTION_COOKIE), "the first click counts");
            }
        }
        assertEquals(303, last.statusCode());
        assertTrue(last.getHeader("Location").endsWith("/signup"), "still lands on sign-up");
        assertNull(last.getDetailedCookie(UserSignedUp.ATTRIBUTION_COOKIE), "but is no longer recorded");
    }

    @Test
    void samePersonByGmailSpellingCannotReferThemselves() {
        String local = "self" + UUID.randomUUID().toString().substring(0, 8);
        Browser sponsorBrowser = new Browser();
        Accounts.signUp(sponsorBrowser, local + "@gmail.com", "Self sponsor");
        UUID sponsor = Accounts.user(local + "@gmail.com").id;
        Browser browser = new Browser();
        browser.get("/r/" + codeOf(sponsor));
        String alias = local.substring(0, 2) + "." + local.substring(2) + "+again@googlemail.com";
        Accounts.signUp(browser, alias, "Self again");
        assertNull(sponsorOf(Accounts.user(alias).id));
    }

    @Test
    void invoiceInAnotherCurrencyIsRecordedAndEarnsNothing() {
        List<UUID> chain = ReferralPeople.chain(2, "eur");
        String invoice = CommissionLedgerDatabaseTest.invoiceId();
        assertEquals(0, (int) scopedWork().call(null, null, () -> ledger.recordInvoicePaid(invoice, chain.get(1), null,
                null, new Money(5_000, "EUR"), Instant.now())));
        assertEquals(List.of(), LedgerRows.rowsOf(chain.get(0), invoice));
    }

    @Test
    void wonDisputeReleasesFrozenLinesToPending() {
        List<UUID> chain = ReferralPeople.chain(2, "won");
        String invoice = CommissionLedgerDatabaseTest.invoiceId();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        scopedWork().run(null, null, () -> ledger.recordDisputeOpened(invoice, chain.get(1), "dp_early", at));
        CommissionLedgerDatabaseTest.paid(ledger, invoice, chain.get(1), 1_000, at);
        assertEquals("FROZEN", LedgerRows.statusOf(chain.get(0), invoice, 1), "a dispute that came first freezes at payment");
        scopedWork().call(null, null, () -> ledger.recordDisputeClosed(invoice, chain.get(1), "dp_early", false, at));
        assertEquals("PENDING", LedgerRows.statusOf(chain.get(0), invoice, 1));
        assertEquals(Money.usd(200), LedgerRows.amountOf(chain.get(0), invoice), "a won dispute keeps the commission");
    }

    @Test
    void planWithRatesOverOneHundredPercentIsRefusedAndNothingIsPublished() {
        CommissionPlan before = scopedWork().call(null, null, () -> plans.current());
        UUID operator = signUpDirectly("plan-operator");
        DomainException refused = assertThrows(DomainException.class, () -> scopedWork().call(null, null,
                () -> plans.publish(operator, List.of(6000, 5000, 0, 0, 0, 0, 0))));
        assertTrue(refused.getMessage().contains("11000"), refused.getMessage());
        assertEquals(before, scopedWork().call(null, null, () -> plans.current()));
    }

    @Test
    void referralPageShowsTheLinkAndTakesAPersonalCodeOnce() {
        Browser browser = new Browser();
        String email = Accounts.uniqueEmail("page");
        Accounts.signUp(browser, email, "Page workspace");
        Response page = browser.get("/account/referral");
        assertEquals(200, page.statusCode());
        String code = codeOf(Accounts.user(email).id);
        assertTrue(Browser.html(page).select("#referral-link").text().endsWith("/r/" + code));

        assertEquals(400, browser.post("/account/referral/vanity", "code", "x").statusCode());
        String wanted = "page-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(303, browser.post("/account/referral/vanity", "code", wanted).statusCode());
        assertTrue(Browser.html(browser.get("/account/referral")).select("#vanity-link").text().endsWith("/r/" + wanted));
    }
}
