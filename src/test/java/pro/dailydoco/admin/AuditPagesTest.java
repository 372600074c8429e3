package pro.dailydoco.admin;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import pro.dailydoco.account.Role;
import pro.dailydoco.audit.AuditEntries;
import pro.dailydoco.audit.AuditEvent;
import pro.dailydoco.audit.AuditLog;
import pro.dailydoco.operator.Operators;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;
import pro.dailydoco.support.TestTenants;
import pro.dailydoco.tenant.ScopedWork;
import pro.dailydoco.tenant.Tenant;

/** The workspace audit log and the operator's platform audit log: pages, filters, verification. */
@QuarkusTest
class AuditPagesTest {

    @Inject
    ScopedWork scopedWork;

    @Inject
    AuditLog auditLog;

    @Inject
    EntityManager entityManager;

    private static String audit(Tenant tenant) {
        return "/t/" + tenant.slug + "/audit";
    }

    private void record(Tenant tenant, UUID actor, String action, AuditEvent.Outcome outcome) {
        scopedWork.run(tenant.id, null, () -> auditLog.record(tenant.id,
                (actor == null ? AuditEvent.system(action) : AuditEvent.user(actor, action)).target("project", "p-1").outcome(outcome).build()));
    }

    private long chainLength(Tenant tenant) {
        return scopedWork.asTenant(tenant.id, () -> ((Number) entityManager
                .createNativeQuery("select count(*) from audit_entry where tenant_id = ?1").setParameter(1, tenant.id)
                .getSingleResult()).longValue());
    }

    @Test
    void auditLogIsPaginatedFilteredAndNamesMembersOnly() {
        Tenant tenant = TestTenants.create("audit-page");
        String adminEmail = Accounts.createMember(tenant, Role.ADMIN);
        UUID admin = Accounts.user(adminEmail).id;
        UUID stranger = UUID.randomUUID();
        for (int i = 0; i < 30; i++) {
            record(tenant, admin, "project.created", AuditEvent.Outcome.SUCCESS);
        }
        record(tenant, stranger, "project.deleted", AuditEvent.Outcome.DENIED);
        Browser browser = new Browser();
        assertEquals(303, Accounts.signIn(browser, adminEmail, Accounts.PASSWORD).statusCode());
        long total = chainLength(tenant);

        Document first = Browser.html(browser.get(audit(tenant)).then().statusCode(200).extract().response());
        assertEquals(AuditEntries.PAGE_SIZE, first.select("tr.audit-row").size());
        assertTrue(first.selectFirst(".pagination").text().contains("Page 1 of 2 (" + total + " entries)"),
                first.selectFirst(".pagination").text());
        assertTrue(first.selectFirst("tr.audit-row").text().contains("user " + stranger), "non-members show as ids");
        Document second = Browser.html(browser.get(audit(tenant) + "?page=2"));
        assertEquals(total - AuditEntries.PAGE_SIZE, second.select("tr.audit-row").size());

        Document denied = Browser.html(browser.get(audit(tenant) + "?outcome=DENIED&action=project.deleted"));
        List<String> rows = denied.select("tr.audit-row").eachText();
        assertEquals(1, rows.size(), rows.toString());
        Document created = Browser.html(browser.get(audit(tenant) + "?action=project.created&outcome=SUCCESS&page=2"));
        assertEquals(5, created.select("tr.audit-row").size());
        assertTrue(created.selectFirst("tr.audit-row").text().contains("Test Admin"), "members show by name");
        assertTrue(created.selectFirst(".pagination a").attr("href").contains("action=project.created&outcome=SUCCESS&page=1"),
                "pager links keep the filters");
        Document none = Browser.html(browser.get(audit(tenant) + "?action=nothing.like.this"));
        assertTrue(none.selectFirst(".empty-state").text().contains("No entries match"));
    }

    @Test
    void htmxFiltersAndPagesGetTheEntriesFragmentWithTheSameAccessRules() {
        Tenant tenant = TestTenants.create("audit-htmx");
        Browser owner = Accounts.signedInMember(tenant, Role.OWNER);
        for (int i = 0; i < 27; i++) {
            record(tenant, null, "project.created", AuditEvent.Outcome.SUCCESS);
        }
        record(tenant, null, "project.deleted", AuditEvent.Outcome.DENIED);

        Response fragment = owner.request().header("HX-Request", "true").get(audit(tenant) + "?outcome=DENIED");
        assertEquals(200, fragment.statusCode());
        assertFalse(fragment.asString().contains("<html"), "htmx gets the entries fragment only");
        Document entries = Browser.html(fragment);
        assertTrue(entries.select("#verify-title").isEmpty(), "not the integrity section");
        assertEquals(List.of("project.deleted"), entries.select("tr.audit-row code").eachText());
        assertEquals("#audit-log-entries", entries.selectFirst("form.filters").attr("hx-target"));

        Document paged = Browser.html(owner.request().header("HX-Request", "true").get(audit(tenant) + "?page=2"));
        Element previous = paged.selectFirst(".pagination a");
        assertEquals(previous.attr("href"), previous.attr("hx-get"), "every htmx link is also a plain link");
        assertTrue(previous.attr("href").endsWith("page=1"), previous.attr("href"));

        Response restore = owner.request().header("HX-Request", "true").header("HX-History-Restore-Request", "true")
                .get(audit(tenant) + "?page=2");
        assertTrue(restore.asString().contains("<html"), "a history restore gets the whole page");
        Document full = Browser.html(owner.get(audit(tenant) + "?outcome=DENIED").then().statusCode(200).extract().response());
        assertTrue(full.selectFirst("#verify-title") != null && full.selectFirst("#audit-log-entries") != null,
                "a plain link gets the whole page");

        Accounts.signedInMember(tenant, Role.MEMBER).request().header("HX-Request", "true").get(audit(tenant))
                .then().statusCode(403);
        Accounts.signedInMember(TestTenants.create("audit-htmx-other"), Role.OWNER).request()
                .header("HX-Request", "true").get(audit(tenant)).then().statusCode(404);
        Operators.signedIn().request().header("HX-Request", "true").get("/operator/audit?action=login.succeeded")
                .then().statusCode(200).body(not(containsString("<html")), containsString("audit-log-entries"));
        owner.request().header("HX-Request", "true").get("/operator/audit").then().statusCode(404);
    }

    @Test
    void verifyReportsIntactThenTheFirstForgedEntry() {
        Tenant tenant = TestTenants.create("audit-verify");
        Browser owner = Accounts.signedInMember(tenant, Role.OWNER);
        record(tenant, null, "project.created", AuditEvent.Outcome.SUCCESS);
        owner.get(audit(tenant)).then().statusCode(200);
        Document intact = Browser.html(owner.post(audit(tenant) + "/verify").then().statusCode(200).extract().response());
        assertTrue(intact.selectFirst("#verification").text().startsWith("Chain intact"),
                intact.selectFirst("#verification").text());

        long forgedSeq = chainLength(tenant) + 1;
        // Forged as the app role, inside the tenant's own scope: the policy lets it insert, the chain catches it.
        scopedWork.run(tenant.id, null, () -> entityManager.createNativeQuery("""
                insert into audit_entry (tenant_id, seq, occurred_at, actor_kind, action, outcome, details, prev_hash, hash)
                values (?1, ?2, now(), 'SYSTEM', 'project.deleted', 'SUCCESS', '{}', 'made-up', 'made-up')""")
                .setParameter(1, tenant.id).setParameter(2, forgedSeq).executeUpdate());
        Document broken = Browser.html(owner.post(audit(tenant) + "/verify").then().statusCode(200).extract().response());
        assertTrue(broken.selectFirst("#verification").text().startsWith("Chain broken at entry #" + forgedSeq),
                broken.selectFirst("#verification").text());
    }

    @Test
    void auditLogIsForOwnersAndAdminsOnly() {
        Tenant tenant = TestTenants.create("audit-access");
        Accounts.signedInMember(tenant, Role.MEMBER).get(audit(tenant)).then().statusCode(403);
        Accounts.signedInMember(tenant, Role.BILLING).get(audit(tenant)).then().statusCode(403);
        Accounts.signedInMember(tenant, Role.ADMIN).get(audit(tenant)).then().statusCode(200);
        Accounts.signedInMember(tenant, Role.MEMBER).post(audit(tenant) + "/verify").then().statusCode(403);
        Browser withoutToken = Accounts.signedInMember(tenant, Role.OWNER);
        assertEquals(403, withoutToken.postWithoutToken(audit(tenant) + "/verify").statusCode());
    }

    @Test
    void operatorSeesAndVerifiesThePlatformChainOthersGet404() {
        Browser operator = Operators.signedIn();
        Document page = Browser.html(operator.get("/operator/audit?action=login.succeeded").then().statusCode(200)
                .extract().response());
        assertTrue(page.select("tr.audit-row").eachText().stream().allMatch(r -> r.contains("login.succeeded")));
        Document verified = Browser.html(operator.post("/operator/audit/verify").then().statusCode(200).extract().response());
        assertTrue(verified.selectFirst("#verification").text().startsWith("Chain intact"),
                verified.selectFirst("#verification").text());

        Tenant tenant = TestTenants.create("audit-notops");
        Browser owner = Accounts.signedInMember(tenant, Role.OWNER);
        owner.get("/operator/audit").then().statusCode(404);
        owner.post("/operator/audit/verify").then().statusCode(404);
    }
}
