package pro.dailydoco.referral;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.response.Response;
import pro.dailydoco.account.UserSignedUp;
import pro.dailydoco.referral.attribution.ReferralAttribution;
import pro.dailydoco.referral.attribution.ReferralCodes;
import pro.dailydoco.referral.tree.ReferralTree;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;
import pro.dailydoco.tenant.ScopedWork;
import pro.dailydoco.tenant.Tenant;

/** Builds referral trees for database tests through the real link and sign-up pages. */
public final class ReferralPeople {

    private ReferralPeople() {
    }

    public static ScopedWork scopedWork() {
        return Arc.container().instance(ScopedWork.class).get();
    }

    public static <T> T bean(Class<T> type) {
        return Arc.container().instance(type).get();
    }

    /** Signs up without a referral link. */
    public static UUID signUpDirectly(String prefix) {
        String email = Accounts.uniqueEmail(prefix);
        Accounts.signUp(new Browser(), email, "Workspace " + prefix);
        return Accounts.user(email).id;
    }

    /** Follows the sponsor's link, then signs up in the same browser. */
    public static UUID signUpThroughLinkOf(UUID sponsor, String prefix) {
        return Accounts.user(signUpThroughLink(codeOf(sponsor), prefix)).id;
    }

    /** Follows the link of {@code code} and signs up over HTTP only (usable from any thread); returns the email. */
    public static String signUpThroughLink(String code, String prefix) {
        Browser browser = new Browser();
        Response click = browser.get("/r/" + code);
        assertEquals(303, click.statusCode());
        String email = Accounts.uniqueEmail(prefix);
        Accounts.signUp(browser, email, "Workspace " + prefix);
        return email;
    }

    /** A chain of {@code length} users, each referred by the previous one; root first. */
    public static List<UUID> chain(int length, String prefix) {
        List<UUID> chain = new ArrayList<>();
        chain.add(signUpDirectly(prefix + "-0"));
        for (int i = 1; i < length; i++) {
            chain.add(signUpThroughLinkOf(chain.get(i - 1), prefix + "-" + i));
        }
        return chain;
    }

    /** The workspace the user created at sign-up (they are its payer). */
    public static Tenant workspaceCreatedBy(UUID user) {
        return QuarkusTransaction.requiringNew().call(() -> Tenant.<Tenant> find("createdByUserId", user).firstResult());
    }

    public static String codeOf(UUID userId) {
        return scopedWork().call(null, userId, () -> bean(ReferralCodes.class).codesOf(userId).generated());
    }

    public static UUID sponsorOf(UUID userId) {
        return scopedWork().call(null, userId, () -> bean(ReferralAttribution.class).sponsorOf(userId).orElse(null));
    }

    public static List<UUID> ancestorsOf(UUID userId) {
        return scopedWork().call(null, userId, () -> bean(ReferralTree.class).ancestorsOf(userId));
    }

    public static String attributionCookie(Browser browser) {
        return browser.cookie(UserSignedUp.ATTRIBUTION_COOKIE);
    }
}
