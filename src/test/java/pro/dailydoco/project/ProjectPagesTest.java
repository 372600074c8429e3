package pro.dailydoco.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import pro.dailydoco.account.Role;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;
import pro.dailydoco.support.TestTenants;
import pro.dailydoco.tenant.Tenant;

/** Documentation projects and videos in the browser: CRUD, validation, plan limits, isolation, htmx fragments. */
@QuarkusTest
class ProjectPagesTest {

    private static String projects(Tenant tenant) {
        return "/t/" + tenant.slug + "/projects";
    }

    /** Creates a project through the form; returns its path. */
    private static String createProject(Browser browser, Tenant tenant, String name) {
        browser.get(projects(tenant) + "/new");
        Response created = browser.post(projects(tenant), "name", name, "repositoryUrl", "https://github.com/acme/" + name,
                "description", "Docs for " + name);
        assertEquals(303, created.statusCode(), created.asString());
        return created.getHeader("Location");
    }

    private static String createVideo(Browser browser, String projectPath, String title, int minutes) {
        browser.get(projectPath + "/videos/new");
        Response created = browser.post(projectPath + "/videos", "title", title, "durationMinutes",
                String.valueOf(minutes), "status", "DRAFT");
        assertEquals(303, created.statusCode(), created.asString());
        Document page = Browser.html(browser.follow(created));
        return page.select("a:contains(Edit)").stream().map(a -> a.attr("href"))
                .filter(h -> h.contains("/videos/")).findFirst().orElseThrow().replace("/edit", "");
    }

    @Test
    void membersCreateEditAndDeleteProjectsWithMessagesBesideTheFields() {
        Tenant tenant = TestTenants.create("prj-crud");
        Browser member = Accounts.signedInMember(tenant, Role.MEMBER);
        Document empty = Browser.html(member.get(projects(tenant)));
        assertTrue(empty.selectFirst(".empty-state").text().contains("No documentation projects yet"));

        member.get(projects(tenant) + "/new");
        Response invalid = member.post(projects(tenant), "name", " ", "repositoryUrl", "javascript:alert(1)",
                "description", "x");
        assertEquals(400, invalid.statusCode());
        Document form = Browser.html(invalid);
        assertEquals("true", form.getElementById("name").attr("aria-invalid"));
        assertTrue(form.getElementById("name-error").text().contains("Enter a name"));
        assertTrue(form.getElementById("repositoryUrl-error").text().contains("https://"));
        assertEquals("javascript:alert(1)", form.getElementById("repositoryUrl").val(), "what was typed is kept");
        assertEquals("x", form.getElementById("description").text());

        String path = createProject(member, tenant, "handbook");
        Document shown = Browser.html(member.get(path));
        assertEquals("handbook", shown.selectFirst("h1").text());
        assertTrue(shown.selectFirst(".empty-state").text().contains("No videos"));

        member.get(path + "/edit");
        assertEquals(303, member.post(path, "name", "Handbook v2", "repositoryUrl", "http://git.example/handbook",
                "description", "").statusCode());
        Document list = Browser.html(member.get(projects(tenant)));
        assertEquals(List.of("Handbook v2"), list.select("tbody td:first-child").eachText());
        assertTrue(list.text().contains("1 of 3 projects on the Free plan"));

        Element delete = Browser.html(member.get(path)).selectFirst("form[action=" + path + "/delete]");
        assertTrue(delete.attr("data-confirm").contains("Delete the project"), "deletion asks first");
        assertEquals(303, member.post(path + "/delete").statusCode());
        assertEquals(404, member.get(path).statusCode());
    }

    @Test
    void billingMembersMayLookButNotEdit() {
        Tenant tenant = TestTenants.create("prj-view");
        String path = createProject(Accounts.signedInMember(tenant, Role.OWNER), tenant, "guide");
        Browser billing = Accounts.signedInMember(tenant, Role.BILLING);
        assertEquals(200, billing.get(path).statusCode());
        assertNull(Browser.html(billing.get(projects(tenant))).selectFirst("a[href$=/projects/new]"));
        assertEquals(403, billing.get(projects(tenant) + "/new").statusCode());
        assertEquals(403, billing.post(projects(tenant), "name", "x").statusCode());
        assertEquals(403, billing.post(path + "/delete").statusCode());
    }

    @Test
    void aFourthProjectOnFreeIsRefusedWithTheUpgradePath() {
        Tenant tenant = TestTenants.create("prj-limit");
        Browser owner = Accounts.signedInMember(tenant, Role.OWNER);
        for (int i = 1; i <= 3; i++) {
            createProject(owner, tenant, "p" + i);
        }
        Response refused = owner.post(projects(tenant), "name", "p4", "repositoryUrl", "", "description", "");
        assertEquals(402, refused.statusCode());
        Element notice = Browser.html(refused).selectFirst("[role=alert]");
        assertTrue(notice.text().contains("The Free plan includes 3 documentation projects"), notice.text());
        assertEquals("/t/" + tenant.slug + "/billing", notice.selectFirst("a").attr("href"));
        assertTrue(notice.text().contains("Upgrade to Pro"));

        Browser member = Accounts.signedInMember(tenant, Role.MEMBER);
        member.get(projects(tenant) + "/new");
        Element memberNotice = Browser.html(member.post(projects(tenant), "name", "p4")).selectFirst("[role=alert]");
        assertTrue(memberNotice.text().contains("Ask an owner, admin or billing member"), memberNotice.text());
        assertEquals(3, Browser.html(owner.get(projects(tenant))).select("tbody tr").size(), "nothing was added");
    }

    @Test
    void videoMinutesThisMonthAreLimitedByThePlan() {
        Tenant tenant = TestTenants.create("prj-minutes");
        Browser member = Accounts.signedInMember(tenant, Role.MEMBER);
        String path = createProject(member, tenant, "tour");
        String first = createVideo(member, path, "Intro", 45);

        member.get(path + "/videos/new");
        Response tooLong = member.post(path + "/videos", "title", "Deep dive", "durationMinutes", "20", "status", "DRAFT");
        assertEquals(402, tooLong.statusCode());
        Document refused = Browser.html(tooLong);
        assertTrue(refused.selectFirst("[role=alert]").text().contains("60 video minutes a month"));
        assertEquals("Deep dive", refused.getElementById("title").val());

        createVideo(member, path, "Short", 15);
        member.get(first + "/edit");
        assertEquals(402, member.post(first, "title", "Intro", "durationMinutes", "46", "status", "PUBLISHED").statusCode(),
                "a longer edit counts too");
        assertEquals(303, member.post(first, "title", "Intro", "durationMinutes", "30", "status", "PUBLISHED").statusCode());

        Response invalid = member.post(path + "/videos", "title", "", "durationMinutes", "abc", "status", "LIVE");
        assertEquals(400, invalid.statusCode());
        Document form = Browser.html(invalid);
        assertNotNull(form.getElementById("title-error"));
        assertNotNull(form.getElementById("durationMinutes-error"));
        assertNotNull(form.getElementById("status-error"));

        Document project = Browser.html(member.get(path));
        assertTrue(project.select("tbody").text().contains("Published"));
        assertEquals(303, member.post(first + "/delete").statusCode());
        assertEquals(1, Browser.html(member.get(path)).select("tbody tr").size());
    }

    @Test
    void anotherWorkspacesProjectAndVideoIdsAnswer404() {
        Tenant a = TestTenants.create("prj-idor-a");
        Tenant b = TestTenants.create("prj-idor-b");
        Browser bOwner = Accounts.signedInMember(b, Role.OWNER);
        String bProject = createProject(bOwner, b, "secret");
        String bVideo = createVideo(bOwner, bProject, "Secret video", 5);
        String projectId = bProject.substring(bProject.lastIndexOf('/') + 1);
        String videoId = bVideo.substring(bVideo.lastIndexOf('/') + 1);

        Browser aOwner = Accounts.signedInMember(a, Role.OWNER);
        String aProject = createProject(aOwner, a, "mine");
        String inA = projects(a) + "/" + projectId;
        assertEquals(404, aOwner.get(inA).statusCode());
        assertEquals(404, aOwner.get(inA + "/edit").statusCode());
        assertEquals(404, aOwner.post(inA, "name", "stolen").statusCode());
        assertEquals(404, aOwner.post(inA + "/delete").statusCode());
        assertEquals(404, aOwner.get(inA + "/videos/new").statusCode());
        assertEquals(404, aOwner.post(inA + "/videos", "title", "x", "durationMinutes", "1", "status", "DRAFT").statusCode());
        String videoViaOwnProject = aProject + "/videos/" + videoId;
        assertEquals(404, aOwner.get(videoViaOwnProject + "/edit").statusCode());
        assertEquals(404, aOwner.post(videoViaOwnProject, "title", "x", "durationMinutes", "1", "status", "DRAFT").statusCode());
        assertEquals(404, aOwner.post(videoViaOwnProject + "/delete").statusCode());
        assertEquals(404, aOwner.get(projects(b)).statusCode(), "and B's pages are not A's member's at all");

        Document still = Browser.html(bOwner.get(bProject));
        assertEquals("secret", still.selectFirst("h1").text());
        assertTrue(still.select("tbody").text().contains("Secret video"));
    }

    @Test
    void paginationLinksLoadOnlyTheTableFragmentWithHtmx() {
        Tenant tenant = TestTenants.withPlan("prj-pages", "TEAM");
        Browser member = Accounts.signedInMember(tenant, Role.MEMBER);
        for (int i = 10; i < 31; i++) {
            createProject(member, tenant, "project-" + i);
        }
        Document first = Browser.html(member.get(projects(tenant)));
        assertEquals(20, first.select("#project-table tbody tr").size());
        Element next = first.selectFirst("nav.pagination a:contains(Next)");
        assertEquals("#project-table", next.attr("hx-target"));

        Response fragment = member.request().header("HX-Request", "true").header("HX-Target", "project-table")
                .get(next.attr("hx-get"));
        assertEquals(200, fragment.statusCode());
        String html = fragment.asString();
        assertFalse(html.contains("<html"), "only the fragment");
        Document table = Browser.html(fragment);
        assertEquals(List.of("project-30"), table.select("tbody td:first-child").eachText());
        assertTrue(table.text().contains("Page 2 of 2"));
    }
}
