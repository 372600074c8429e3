package pro.dailydoco.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import pro.dailydoco.account.Role;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;
import pro.dailydoco.support.TestClock;
import pro.dailydoco.tenant.ScopedWork;
import pro.dailydoco.tenant.Tenant;

/**
 * A person downloads what is held about them, an owner what their workspace holds: built in the background by a job
 * any instance may run, announced by mail, downloadable only by the requester while it lasts.
 */
@QuarkusTest
class DataExportTest {

    @Inject
    DataExportJob job;

    @Inject
    DataExports exports;

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
    void aPersonsExportHoldsTheirDataIsMailedAndOnlyTheyCanDownloadItUntilItExpires() throws IOException {
        Browser me = new Browser();
        String email = Accounts.uniqueEmail("export-me");
        String slug = Accounts.signUp(me, email, "Export Mine");
        Browser other = new Browser();
        String otherEmail = Accounts.uniqueEmail("export-other");
        Accounts.signUp(other, otherEmail, "Export Theirs");

        assertEquals(200, me.get("/account").statusCode());
        assertTrue(Browser.html(me.get("/account")).selectFirst("a[href=/account/data-export]") != null,
                "the account page links to the export");
        assertEquals(303, me.post("/account/data-export").statusCode());
        Document waiting = Browser.html(me.get("/account/data-export"));
        Element list = waiting.getElementById("data-exports");
        assertEquals("every 2s", list.attr("hx-trigger"), "the list polls while an export is on its way");
        assertTrue(list.text().contains("Waiting"), list.text());
        Response fragment = me.request().header("HX-Request", "true").header("HX-Target", "data-exports")
                .get("/account/data-export");
        assertTrue(fragment.asString().trim().startsWith("<section id=\"data-exports\""), "htmx gets the list alone");

        assertTrue(job.buildQueued() >= 1);
        Document ready = Browser.html(me.get("/account/data-export"));
        assertFalse(ready.getElementById("data-exports").hasAttr("hx-trigger"), "no polling once nothing is pending");
        Element link = ready.selectFirst("#data-exports a[download]");
        assertNotNull(link, ready.getElementById("data-exports").outerHtml());
        String href = link.attr("href");

        List<Object[]> mails = scopedWork.call(null, null, () -> rows(
                "select subject, body_text from mail_outbox where to_address = ?1 and subject like '%export is ready'", email));
        assertEquals(1, mails.size());
        assertTrue(((String) mails.get(0)[1]).contains("http://localhost:8080/account/data-export"), (String) mails.get(0)[1]);

        Response download = me.request().accept("application/zip").get(href);
        assertEquals(200, download.statusCode());
        assertEquals("application/zip", download.contentType());
        assertTrue(download.header("Content-Disposition").startsWith("attachment; filename=\"dailydoco-personal-data-"));
        Map<String, String> zip = unzip(download.asByteArray());
        assertTrue(zip.keySet().containsAll(List.of("account.json", "account.csv", "memberships.csv", "sessions.json",
                "platform_audit_entries.json", "workspace_audit_entries.json", "referral_codes.json",
                "commission_entries.csv", "payouts.csv", "payout_destination.json", "leaderboard_consent.json",
                "manifest.json")), zip.keySet().toString());
        assertTrue(zip.get("account.json").contains(email));
        assertTrue(zip.get("memberships.csv").contains(slug));
        assertTrue(zip.get("sessions.csv").contains("user_agent"));
        assertTrue(zip.get("workspace_audit_entries.json").contains("\"action\""), "sign-up is audited in their workspace");
        String everything = String.join("\n", zip.values());
        assertFalse(everything.contains(otherEmail), "nothing of another person");
        assertFalse(everything.contains("password_hash") || everything.contains("$2a$") || everything.contains("id_hash"),
                "no secrets");

        assertEquals(404, other.request().accept("application/zip").get(href).statusCode(), "someone else: not found");
        assertEquals(404, other.get("/account/data-export/not-a-uuid/download").statusCode());
        Response signedOut = new Browser().request().accept("application/zip").get(href);
        assertTrue(List.of(303, 401, 404).contains(signedOut.statusCode()), "signed out: " + signedOut.statusCode());
        assertTrue(scopedWork.call(null, null, () -> rows("""
                select action from platform_audit_entry where action = 'privacy.export-downloaded' and actor_user_id = ?1""",
                Accounts.user(email).id)).size() == 1, "the download is audited");

        clock.advance(Duration.ofDays(7).plusMinutes(1));
        assertTrue(job.deleteExpired() >= 1);
        Accounts.signIn(me, email, Accounts.PASSWORD); // a week also ended the session
        assertEquals(404, me.request().accept("application/zip").get(href).statusCode(), "expired");
        UUID exportId = UUID.fromString(href.split("/")[3]);
        assertEquals(0, scopedWork.call(null, Accounts.user(email).id, () -> rows(
                "select export_id from privacy_export_file where export_id = ?1", exportId)).size(), "the file is deleted");
        assertTrue(Browser.html(me.get("/account/data-export")).getElementById("data-exports").text().contains("Expired"));
    }

    @Test
    void anOwnerExportsTheirWorkspaceWithoutSecretsAndNoOneElseCan() throws IOException {
        Browser owner = new Browser();
        String slug = Accounts.signUp(owner, Accounts.uniqueEmail("export-owner"), "Exported Workspace");
        Tenant tenant = scopedWork.call(null, null, () -> Tenant.findBySlug(slug).orElseThrow());
        String project = "Handbook " + UUID.randomUUID();
        scopedWork.run(tenant.id, null, () -> {
            sql("insert into project (id, tenant_id, name, description) values (?1, ?2, ?3, 'a =1+1 description')",
                    UUID.randomUUID(), tenant.id, project);
            sql("""
                    insert into sso_settings (tenant_id, issuer, client_id, client_secret_enc, updated_at)
                    values (?1, 'https://idp.example.test', 'client-x', 'ENCRYPTED-SECRET-XYZ', ?2)""", tenant.id, Instant.now());
            sql("""
                    insert into invitation (id, tenant_id, email, role, token_hash, created_at, expires_at)
                    values (?1, ?2, 'invitee@example.test', 'MEMBER', 'TOKEN-HASH-XYZ', ?3, ?3)""",
                    UUID.randomUUID(), tenant.id, Instant.now());
        });
        Browser member = Accounts.signedInMember(tenant, Role.MEMBER);
        member.get("/account/data-export");
        assertEquals(404, member.post("/account/data-export/workspace", "slug", slug).statusCode(), "a member may not");
        Browser stranger = new Browser();
        Accounts.signUp(stranger, Accounts.uniqueEmail("export-stranger"), "Stranger");
        stranger.get("/account/data-export");
        assertEquals(404, stranger.post("/account/data-export/workspace", "slug", slug).statusCode());
        assertEquals(404, stranger.post("/account/data-export/workspace", "slug", "no-such-workspace-x").statusCode());

        Document page = Browser.html(owner.get("/account/data-export"));
        assertNotNull(page.selectFirst("select[name=slug] option[value=" + slug + "]"), "owners pick their workspace");
        assertEquals(303, owner.post("/account/data-export/workspace", "slug", slug).statusCode());
        assertTrue(job.buildQueued() >= 1);
        String href = Browser.html(owner.get("/account/data-export")).selectFirst("#data-exports a[download]").attr("href");
        Map<String, String> zip = unzip(owner.request().accept("application/zip").get(href).asByteArray());
        assertTrue(zip.keySet().containsAll(List.of("workspace.json", "members.csv", "invitations.json", "projects.csv",
                "videos.json", "invoices.csv", "subscription.json", "sso_settings.json", "sso_domains.csv",
                "audit_log.csv", "manifest.json")), zip.keySet().toString());
        assertTrue(zip.get("projects.csv").contains(project));
        assertTrue(zip.get("projects.csv").contains("a =1+1 description"), zip.get("projects.csv"));
        assertTrue(zip.get("invitations.json").contains("invitee@example.test"));
        assertTrue(zip.get("sso_settings.json").contains("client-x"));
        String everything = String.join("\n", zip.values());
        assertFalse(everything.contains("ENCRYPTED-SECRET-XYZ") || everything.contains("TOKEN-HASH-XYZ"), "no secrets");
        assertTrue(zip.get("audit_log.csv").contains("privacy.workspace-export-requested"), "the request is audited");
        assertEquals(404, member.request().accept("application/zip").get(href).statusCode());
    }

    @Test
    void instancesBuildingAtOnceBuildEachExportOnce() throws Exception {
        List<UUID> people = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String email = Accounts.uniqueEmail("export-many");
            Accounts.signUp(new Browser(), email, "Many " + i);
            UUID id = Accounts.user(email).id;
            people.add(id);
            exports.requestPersonal(id);
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> instance = job::buildQueued;
            List<Future<Integer>> runs = pool.invokeAll(List.of(instance, instance));
            int built = 0;
            for (Future<Integer> run : runs) {
                built += run.get();
            }
            assertTrue(built >= 4, "every export was built: " + built);
        } finally {
            pool.shutdown();
        }
        for (UUID person : people) {
            List<DataExports.Export> mine = exports.of(person);
            assertEquals(1, mine.size());
            assertEquals(DataExports.Status.READY, mine.get(0).status());
            assertEquals(1, scopedWork.call(null, null, () -> rows("""
                    select seq from platform_audit_entry where action = 'privacy.export-ready' and target_id = ?1""",
                    person.toString())).size(), "built once, audited once");
        }
    }

    @Test
    void anExportLeftBuildingByAnInstanceThatDiedIsBuiltAgainOnceItsLeaseRunsOut() {
        String email = Accounts.uniqueEmail("export-orphan");
        Accounts.signUp(new Browser(), email, "Orphan");
        UUID me = Accounts.user(email).id;
        UUID id = exports.requestPersonal(me);
        // What a claim leaves behind when its instance dies before storing the file.
        scopedWork.run(null, null, () -> sql("""
                update privacy_export set status = 'BUILDING', attempts = 1, lease_token = ?2, lease_until = ?3
                where id = ?1""", id, UUID.randomUUID(), clock.instant().plus(DataExportJob.LEASE).minusSeconds(1)));

        job.buildQueued();
        assertEquals(DataExports.Status.BUILDING, exports.of(me).get(0).status(), "a live lease is left alone");

        clock.advance(DataExportJob.LEASE);
        job.buildQueued();
        assertEquals(DataExports.Status.READY, exports.of(me).get(0).status(), "a lease that ran out is taken over");
        assertEquals(2, ((Number) scopedWork.call(null, null, () -> rows(
                "select attempts from privacy_export where id = ?1", id)).get(0)[0]).intValue(),
                "the second claim counts as the second attempt");
    }

    @Test
    void askingAgainWhileOneIsOnItsWayReusesItAndADayAllowsFive() {
        String email = Accounts.uniqueEmail("export-again");
        Accounts.signUp(new Browser(), email, "Again");
        UUID me = Accounts.user(email).id;
        UUID first = exports.requestPersonal(me);
        assertEquals(first, exports.requestPersonal(me), "the export on its way is reused");
        job.buildQueued();
        for (int i = 1; i < DataExports.REQUESTS_PER_DAY; i++) {
            exports.requestPersonal(me);
            job.buildQueued();
        }
        pro.dailydoco.core.DomainException refused = org.junit.jupiter.api.Assertions.assertThrows(
                pro.dailydoco.core.DomainException.class, () -> exports.requestPersonal(me));
        assertEquals(429, refused.status());
    }

    private void sql(String statement, Object... parameters) {
        var query = entityManager.createNativeQuery(statement);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        query.executeUpdate();
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String select, Object... parameters) {
        var query = entityManager.createNativeQuery(select);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        List<Object[]> rows = new ArrayList<>();
        for (Object row : query.getResultList()) {
            rows.add(row instanceof Object[] array ? array : new Object[] {row});
        }
        return rows;
    }

    static Map<String, String> unzip(byte[] bytes) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                files.put(entry.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return files;
    }
}
