package pro.dailydoco.referral.guards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import pro.dailydoco.referral.ReferralPeople;
import pro.dailydoco.support.TestClock;
import pro.dailydoco.tenant.ScopedWork;

/**
 * Address hashes of clicks and sign-up screenings are emptied after the retention (90 days by default); the click,
 * the attribution that names it and the screening's reasons stay.
 */
@QuarkusTest
class AddressRetentionTest {

    @Inject
    AddressRetention retention;

    @Inject
    ScopedWork scopedWork;

    @Inject
    EntityManager entityManager;

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void hashesAreEmptiedAfterNinetyDaysAndTheRowsThatNameThemStay() {
        UUID sponsor = ReferralPeople.signUpDirectly("retention-sponsor");
        UUID referred = ReferralPeople.signUpThroughLinkOf(sponsor, "retention-referred");
        UUID click = clickOf(referred);
        assertNotNull(clickHash(click), "a click stores its keyed address hash");
        assertNotNull(screeningHash(referred), "so does the sign-up screening");

        clock.advance(Duration.ofDays(89));
        retention.forgetExpiredAddresses();
        assertNotNull(clickHash(click), "kept within the retention");
        assertNotNull(screeningHash(referred));

        clock.advance(Duration.ofDays(2));
        AddressRetention.Emptied emptied = retention.forgetExpiredAddresses();
        assertTrue(emptied.clicks() >= 1 && emptied.screenings() >= 1, emptied.toString());
        assertNull(clickHash(click), "emptied after 90 days");
        assertNull(screeningHash(referred));
        assertEquals(click, clickOf(referred), "the attribution still names its click");
        assertEquals(sponsor, scopedWork.call(null, referred, () -> entityManager.createNativeQuery(
                "select sponsor_user_id from referral_screening where referred_user_id = ?1").setParameter(1, referred)
                .getSingleResult()), "the screening stays");
        assertEquals(new AddressRetention.Emptied(0, 0), retention.forgetExpiredAddresses(), "nothing twice");
    }

    @Test
    void thePrivacyPageStatesTheRetention() {
        String text = Jsoup.parse(given().accept("text/html").get("/privacy").asString()).select("#retention, #click-fields")
                .text();
        assertTrue(text.contains("deleted after 90 days"), text);
        assertTrue(text.contains("90 days after the click"), text);
    }

    private UUID clickOf(UUID referred) {
        return scopedWork.call(null, referred, () -> (UUID) entityManager.createNativeQuery(
                "select click_id from referral_attribution where user_id = ?1").setParameter(1, referred).getSingleResult());
    }

    private String clickHash(UUID click) {
        return scopedWork.call(null, null, () -> (String) entityManager.createNativeQuery(
                "select ip_hash from referral_click where id = ?1").setParameter(1, click).getSingleResult());
    }

    private String screeningHash(UUID referred) {
        List<?> rows = scopedWork.call(null, referred, () -> entityManager.createNativeQuery(
                "select ip_hash from referral_screening where referred_user_id = ?1").setParameter(1, referred)
                .getResultList());
        assertEquals(1, rows.size());
        return (String) rows.get(0);
    }
}
