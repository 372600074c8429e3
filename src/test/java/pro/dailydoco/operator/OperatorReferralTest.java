package pro.dailydoco.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import pro.dailydoco.account.Role;
import pro.dailydoco.referral.CommissionPlan;
import pro.dailydoco.referral.CommissionPlans;
import pro.dailydoco.referral.ReferralPeople;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;
import pro.dailydoco.support.TestTenants;
import pro.dailydoco.tenant.ScopedWork;

/**
 * The operator's commission plan and sponsor forms. A successful publish re-publishes the current rates as a new
 * version, so the shared test boot keeps the same rates for every later test.
 */
@QuarkusTest
class OperatorReferralTest {

    @Inject
    CommissionPlans plans;

    @Inject
    ScopedWork scopedWork;

    @Inject
    EntityManager entityManager;

    private static String[] planForm(List<String> percents) {
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < percents.size(); i++) {
            fields.add("level" + (i + 1));
            fields.add(percents.get(i));
        }
        return fields.toArray(String[]::new);
    }

    @Test
    void planValidationMessagesStandBesideTheFields() {
        Browser operator = Operators.signedIn();
        int version = plans.current().version();
        Document page = Browser.html(operator.get("/operator/referrals").then().statusCode(200).extract().response());
        assertTrue(page.selectFirst("form[action=/operator/referrals/plan]").hasAttr("data-confirm"));
        assertEquals(7, page.select("#current-plan td").size());

        Response invalid = operator.post("/operator/referrals/plan", planForm(List.of("20", "-1", "abc", "101", "5.555", "3", "2")));
        assertEquals(400, invalid.statusCode());
        Document errors = Browser.html(invalid);
        assertTrue(errors.selectFirst("#level2-error").text().contains("between 0 and 100"));
        assertTrue(errors.selectFirst("#level3-error").text().contains("enter a percentage"));
        assertTrue(errors.selectFirst("#level4-error").text().contains("between 0 and 100"));
        assertTrue(errors.selectFirst("#level5-error").text().contains("two decimals"));
        assertEquals("abc", errors.selectFirst("#level3").val(), "the form keeps what was typed");
        assertTrue(errors.select("#level1-error").isEmpty());

        operator.get("/operator/referrals");
        Response tooMuch = operator.post("/operator/referrals/plan", planForm(List.of("50", "30", "10", "8", "5", "3", "2")));
        assertEquals(400, tooMuch.statusCode());
        assertTrue(Browser.html(tooMuch).selectFirst("#total-error").text().contains("add up to 108 %"));
        assertEquals(version, plans.current().version(), "nothing was published");
    }

    @Test
    void publishingTheCurrentRatesAgainMakesANewAuditedVersion() {
        Browser operator = Operators.signedIn();
        CommissionPlan before = plans.current();
        List<String> same = new ArrayList<>();
        for (int level = 1; level <= CommissionPlan.LEVELS; level++) {
            same.add(java.math.BigDecimal.valueOf(before.rateOfLevel(level), 2).toPlainString());
        }
        operator.get("/operator/referrals");
        Response published = operator.post("/operator/referrals/plan", planForm(same));
        assertEquals(303, published.statusCode(), published.asString());
        CommissionPlan after = plans.current();
        assertEquals(before.version() + 1, after.version());
        assertEquals(before.levelRatesBasisPoints(), after.levelRatesBasisPoints());
        assertTrue(platformActions().contains("referral.plan-published:" + after.version()));
    }

    @Test
    void sponsorCorrectionRefusesACycleAndAppliesAValidChange() {
        List<UUID> chain = ReferralPeople.chain(2, "fix-sponsor");
        UUID newSponsor = ReferralPeople.chain(1, "fix-new").get(0);
        Browser operator = Operators.signedIn();
        operator.get("/operator/referrals");
        Response cycle = operator.post("/operator/referrals/sponsor", "user", chain.get(0).toString(), "sponsor",
                chain.get(1).toString());
        assertEquals(400, cycle.statusCode());
        assertTrue(Browser.html(cycle).selectFirst("#sponsor-error").text().contains("can't loop"));

        Response unknown = operator.post("/operator/referrals/sponsor", "user", "nobody@nowhere.test", "sponsor",
                newSponsor.toString());
        assertTrue(Browser.html(unknown).selectFirst("#user-error").text().contains("No user"));

        operator.get("/operator/referrals");
        Response fixed = operator.post("/operator/referrals/sponsor", "user", chain.get(1).toString(), "sponsor",
                newSponsor.toString());
        assertEquals(303, fixed.statusCode(), fixed.asString());
        assertTrue(platformActions().contains("referral.sponsor-corrected:" + chain.get(1)));

        Browser owner = Accounts.signedInMember(TestTenants.create("ref-notops"), Role.OWNER);
        owner.get("/operator/referrals").then().statusCode(404);
        owner.post("/operator/referrals/plan", planForm(same())).then().statusCode(404);
    }

    private static List<String> same() {
        return List.of("20", "15", "10", "8", "5", "3", "2");
    }

    @SuppressWarnings("unchecked")
    private List<String> platformActions() {
        return scopedWork.call(null, null, () -> entityManager
                .createNativeQuery("select action || ':' || target_id from platform_audit_entry order by seq desc limit 50")
                .getResultList());
    }
}
