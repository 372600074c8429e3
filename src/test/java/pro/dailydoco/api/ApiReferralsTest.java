package pro.dailydoco.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pro.dailydoco.referral.ReferralPeople.scopedWork;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import pro.dailydoco.account.Membership;
import pro.dailydoco.account.Role;
import pro.dailydoco.core.Money;
import pro.dailydoco.core.web.Formats;
import pro.dailydoco.referral.ReferralPeople;
import pro.dailydoco.referral.dashboard.ReferralDashboard;
import pro.dailydoco.referral.ledger.CommissionApprovalJob;
import pro.dailydoco.referral.ledger.CommissionLedger;
import pro.dailydoco.referral.payout.PayoutBatches;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;
import pro.dailydoco.tenant.Tenant;

/**
 * The referral endpoints with real keys: they read the figures of the key's creator only (whichever workspace the key
 * belongs to), need the referrals scope, page commission rows by cursor, and give the same figures "My referrals"
 * shows; a key whose creator left its workspace reads nobody's referrals.
 */
@QuarkusTest
class ApiReferralsTest {

    @Inject
    CommissionLedger ledger;

    @Inject
    CommissionApprovalJob approvals;

    @Inject
    PayoutBatches payouts;

    @Inject
    ReferralDashboard dashboard;

    /** A person who signed up with a workspace of their own, signed in, who makes keys on its API keys page. */
    record Person(Browser browser, UUID userId, Tenant tenant) {
        String createKey(String name, String... scopes) {
            List<String> fields = new ArrayList<>(List.of("name", name));
            for (String scope : scopes) {
                fields.add("scope");
                fields.add(scope);
            }
            String page = "/t/" + tenant.slug + "/settings/api-keys";
            browser.get(page);
            Response response = browser.post(page, fields.toArray(String[]::new));
            assertEquals(200, response.statusCode(), response.asString());
            return Browser.html(response).select("#api-new-key code.secret").text();
        }
    }

    static Person signUp(String prefix) {
        Browser browser = new Browser();
        String email = Accounts.uniqueEmail(prefix);
        String slug = Accounts.signUp(browser, email, "Workspace " + prefix);
        return new Person(browser, Accounts.user(email).id, QuarkusTransaction.requiringNew()
                .call(() -> Tenant.findBySlug(slug).orElseThrow()));
    }

    /**
     * Three referred people pay five invoices; the two paid long ago are past the hold period and approved, then a
     * payout run pays the sponsor.
     */
    private void earn(UUID sponsor, String tag) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<UUID> payers = List.of(ReferralPeople.signUpThroughLinkOf(sponsor, tag + "-a"),
                ReferralPeople.signUpThroughLinkOf(sponsor, tag + "-b"), ReferralPeople.signUpThroughLinkOf(sponsor, tag + "-c"));
        for (int i = 0; i < 5; i++) {
            UUID payer = payers.get(i % payers.size());
            String invoice = "in_" + tag + "_" + i;
            Instant paidAt = (i < 2 ? now.minus(120, ChronoUnit.DAYS) : now.minus(1, ChronoUnit.DAYS)).plusSeconds(60L * i);
            long net = 2_000 + 1_000L * i;
            scopedWork().call(null, null, () -> ledger.recordInvoicePaid(invoice, payer, null, null, Money.usd(net), paidAt));
        }
        approvals.approveDue(now);
        scopedWork().call(null, sponsor, () -> payouts.payUser("batch-" + tag, sponsor, Money.usd(1), now.minusSeconds(3600)));
    }

    @Test
    void aReferralsKeyReadsItsCreatorsFiguresAsTheDashboardShowsThemPageByPage() {
        String tag = "apiref" + UUID.randomUUID().toString().substring(0, 6);
        Person sponsor = signUp(tag);
        earn(sponsor.userId(), tag);
        String key = sponsor.createKey("Referral figures", "referrals");

        Response summary = ApiWorkspace.api(key).get("/api/v1/referrals/summary");
        assertEquals(200, summary.statusCode(), summary.asString());
        ReferralDashboard.Summary expected = scopedWork().call(null, sponsor.userId(), () -> dashboard.summary(sponsor.userId()));
        assertEquals(5, expected.ledgerRows(), "the run wrote five commission rows: " + expected);
        assertTrue(expected.paidMinor() > 0 && expected.pendingMinor() > 0, expected.toString());
        assertEquals("usd", summary.jsonPath().getString("currency"));
        assertEquals(expected.earnedMinor(), summary.jsonPath().getLong("earned"));
        assertEquals(expected.paidMinor(), summary.jsonPath().getLong("paid"));
        assertEquals(expected.earnedMinor() - expected.clawedBackMinor(), summary.jsonPath().getLong("pending")
                + summary.jsonPath().getLong("approved") + summary.jsonPath().getLong("paid"));

        // The same figures as the first view of "My referrals", label by label.
        Document page = Browser.html(sponsor.browser().get("/t/" + sponsor.tenant().slug + "/referrals"));
        Map<String, String> shown = Map.of("count-clicks", "clicks", "count-signups", "directSignUps", "network-signups",
                "networkSignUps", "count-paying", "payingDirect", "network-paying", "payingNetwork", "count-shares", "shares");
        shown.forEach((id, field) -> assertEquals(page.getElementById(id).text(),
                Formats.count(summary.jsonPath().getLong(field)), field));
        Map<String, String> money = Map.of("balance-pending", "pending", "balance-approved", "approved", "balance-paid", "paid");
        money.forEach((id, field) -> assertEquals(page.getElementById(id).text(),
                Formats.cents(summary.jsonPath().getLong(field)), field));
        assertEquals("3", page.getElementById("count-signups").text());

        // Commission history in pages of two: every row once, newest first, the history section's rows.
        List<String> ids = new ArrayList<>();
        List<Long> amounts = new ArrayList<>();
        List<String> recorded = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = ApiWorkspace.api(key).queryParam("limit", 2);
            if (cursor != null) {
                request = request.queryParam("cursor", cursor);
            }
            Response one = request.get("/api/v1/referrals/commissions");
            assertEquals(200, one.statusCode(), one.asString());
            assertNotNull(one.getHeader("ETag"));
            ids.addAll(one.jsonPath().getList("data.commission"));
            amounts.addAll(one.jsonPath().getList("data.amount", Long.class));
            recorded.addAll(one.jsonPath().getList("data.recordedAt"));
            cursor = one.jsonPath().getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);
        assertEquals(3, pages, "5 rows in pages of 2");
        assertEquals(5, new HashSet<>(ids).size(), "every row once: " + ids);
        List<ReferralDashboard.HistoryRow> history = scopedWork().call(null, sponsor.userId(),
                () -> dashboard.history(sponsor.userId(), null, null, 1).rows());
        assertEquals(history.stream().map(ReferralDashboard.HistoryRow::amountMinor).toList(), amounts);
        assertEquals(history.stream().map(r -> r.recordedAt().toString()).toList(), recorded);
        assertEquals(expected.earnedMinor(), amounts.stream().mapToLong(Long::longValue).sum());

        Response paid = ApiWorkspace.api(key).get("/api/v1/referrals/payouts");
        assertEquals(200, paid.statusCode(), paid.asString());
        assertEquals(List.of(expected.paidMinor()), paid.jsonPath().getList("data.amount", Long.class));
        assertEquals("usd", paid.jsonPath().getString("data[0].currency"));
        assertNull(paid.jsonPath().getString("nextCursor"));

        String etag = summary.getHeader("ETag");
        assertEquals(304, ApiWorkspace.api(key).header("If-None-Match", etag).get("/api/v1/referrals/summary").statusCode());
        ApiKeysTest.problem(ApiWorkspace.api(key).queryParam("cursor", "bm90LWEtY3Vyc29y").get("/api/v1/referrals/commissions"),
                400, "invalid-cursor");
    }

    @Test
    void withoutTheReferralsScopeAKeyIsRefusedAndOtherKeysSeeOnlyTheirOwnCreatorsFigures() {
        String tag = "apiref2" + UUID.randomUUID().toString().substring(0, 6);
        Person sponsor = signUp(tag);
        earn(sponsor.userId(), tag);

        String readOnly = sponsor.createKey("Projects only", "read", "write");
        for (String path : List.of("summary", "commissions", "payouts")) {
            ApiKeysTest.problem(ApiWorkspace.api(readOnly).get("/api/v1/referrals/" + path), 403, "missing-scope");
        }

        // Another workspace's key: its creator's figures (none), never the sponsor's.
        Person stranger = signUp(tag + "-other");
        String theirs = stranger.createKey("Theirs", "referrals");
        Response strangers = ApiWorkspace.api(theirs).get("/api/v1/referrals/summary");
        assertEquals(200, strangers.statusCode(), strangers.asString());
        assertEquals(0L, strangers.jsonPath().getLong("earned"));
        assertEquals(0L, strangers.jsonPath().getLong("directSignUps"));
        assertEquals(List.of(), ApiWorkspace.api(theirs).get("/api/v1/referrals/commissions").jsonPath().getList("data"));
        assertEquals(List.of(), ApiWorkspace.api(theirs).get("/api/v1/referrals/payouts").jsonPath().getList("data"));

        // A colleague's key in the sponsor's own workspace: the colleague's figures, not the sponsor's.
        Browser admin = Accounts.signedInMember(sponsor.tenant(), Role.ADMIN);
        String colleagues = new Person(admin, null, sponsor.tenant()).createKey("Colleague", "referrals");
        Response colleague = ApiWorkspace.api(colleagues).get("/api/v1/referrals/commissions");
        assertEquals(200, colleague.statusCode(), colleague.asString());
        assertEquals(List.of(), colleague.jsonPath().getList("data"));
        assertEquals(5, ApiWorkspace.api(sponsor.createKey("Mine", "referrals")).get("/api/v1/referrals/commissions")
                .jsonPath().getList("data").size());

        // The colleague leaves the workspace: their key reads nobody's referrals any more.
        UUID adminId = scopedWork().call(sponsor.tenant().id, null, () -> Membership.<Membership>find("tenantId = ?1 and role = ?2",
                sponsor.tenant().id, Role.ADMIN).firstResult().userId);
        scopedWork().run(sponsor.tenant().id, null, () -> Membership.delete("tenantId = ?1 and userId = ?2",
                sponsor.tenant().id, adminId));
        for (String path : List.of("summary", "commissions", "payouts")) {
            ApiKeysTest.problem(ApiWorkspace.api(colleagues).get("/api/v1/referrals/" + path), 403, "key-creator-gone");
        }
    }
}
