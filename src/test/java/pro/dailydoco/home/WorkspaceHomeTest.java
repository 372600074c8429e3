package pro.dailydoco.home;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import pro.dailydoco.account.Role;
import pro.dailydoco.project.Project;
import pro.dailydoco.project.ProjectService;
import pro.dailydoco.project.Video;
import pro.dailydoco.project.VideoService;
import pro.dailydoco.referral.ReferralProgramSettings;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;
import pro.dailydoco.support.TestTenants;
import pro.dailydoco.tenant.ScopedWork;
import pro.dailydoco.tenant.Tenant;

/** The workspace home: each block from real data, the checklist ticking and going away, and empty states. */
@QuarkusTest
class WorkspaceHomeTest {

    @Inject
    ScopedWork scopedWork;

    @Inject
    ProjectService projects;

    @Inject
    VideoService videos;

    @Inject
    ReferralProgramSettings referralProgram;

    private record Person(Browser browser, UUID id) {
    }

    private static Person owner(Tenant tenant) {
        String email = Accounts.createMember(tenant, Role.OWNER);
        Browser browser = new Browser();
        assertEquals(303, Accounts.signIn(browser, email, Accounts.PASSWORD).statusCode());
        return new Person(browser, Accounts.user(email).id);
    }

    private static Document home(Person person, Tenant tenant) {
        return Browser.html(person.browser().get("/t/" + tenant.slug + "/").then().statusCode(200).extract().response());
    }

    @Test
    void aNewWorkspaceShowsEveryStepToDoAndAnEmptyStateWithAnActionInEachBlock() {
        Tenant tenant = TestTenants.create("home-empty");
        Person owner = owner(tenant);
        Document page = home(owner, tenant);

        Element steps = page.getElementById("getting-started");
        assertNotNull(steps, "a new workspace shows the getting-started steps");
        assertEquals(4, steps.select("li.todo").size(), steps.text());
        assertEquals("/t/" + tenant.slug + "/projects/new", steps.selectFirst("li.todo a").attr("href"));

        Element projectsBlock = page.getElementById("home-projects");
        assertTrue(projectsBlock.selectFirst(".empty-state").text().contains("No documentation projects yet"));
        assertNotNull(projectsBlock.selectFirst(".empty-state a[href=/t/" + tenant.slug + "/projects/new]"));
        assertTrue(page.getElementById("home-videos").selectFirst(".empty-state").text().contains("No videos yet"));
        Element team = page.getElementById("home-team");
        assertTrue(team.text().contains("1 member"), team.text());
        assertNotNull(team.selectFirst("a[href=/t/" + tenant.slug + "/members]"));

        List<String> usage = page.select("#home-usage .usage li").eachText();
        assertTrue(usage.get(0).startsWith("Seats 1 of 1"), usage.toString());
        assertTrue(usage.get(1).contains("0 of 3"), usage.toString());
        assertNotNull(page.selectFirst("#home-usage meter"), "usage as meters, with the numbers as text");

        Element link = page.selectFirst("#home-referral input#home-referral-link[readonly]");
        assertNotNull(link, "the referral link is a copyable field");
        assertTrue(link.val().matches("http://localhost:8080/r/[A-Za-z0-9-]+"), link.val());
        assertNotNull(page.selectFirst("label[for=home-referral-link]"), "the field is labelled");
        assertEquals(List.of("h1", "h2", "h2", "h2", "h2", "h2", "h2"),
                page.select("main h1, main h2").stream().map(Element::tagName).toList(), "headings in order");
    }

    @Test
    void eachBlockShowsRealDataAndTheChecklistTicksAndDisappearsOnceAllIsDone() {
        Tenant tenant = TestTenants.withPlan("home-full", "TEAM");
        Person owner = owner(tenant);
        Project project = scopedWork.inScope(tenant.id, owner.id(),
                () -> projects.create(tenant.id, owner.id(), "Payments API", "https://example.com/repo.git", ""));
        assertTrue(home(owner, tenant).select("#getting-started li.done").text().contains("Create a documentation project"),
                "a step ticks from real data");

        Video video = scopedWork.inScope(tenant.id, owner.id(),
                () -> videos.create(tenant.id, owner.id(), project.id, "Getting started tour", "7", "PUBLISHED"));
        Accounts.createMember(tenant, Role.MEMBER);
        Document before = home(owner, tenant);
        assertEquals(1, before.select("#getting-started li.todo").size(), "only sharing is left");

        owner.browser().post("/t/" + tenant.slug + "/referrals/share", "channel", "copy");
        Document page = home(owner, tenant);
        assertNull(page.getElementById("getting-started"), "every step done: the checklist is gone");

        Element projectLink = page.selectFirst("#home-projects a[href=/t/" + tenant.slug + "/projects/" + project.id + "]");
        assertNotNull(projectLink);
        assertEquals("Payments API", projectLink.text());
        Element videoLink = page.selectFirst("#home-videos a[href=/t/" + tenant.slug + "/projects/" + project.id
                + "/videos/" + video.id + "]");
        assertNotNull(videoLink);
        assertEquals("Getting started tour", videoLink.text());
        assertTrue(page.getElementById("home-team").text().contains("2 members"), page.getElementById("home-team").text());
        assertEquals(2, page.select("#home-team .avatar").size());
        assertTrue(page.getElementById("home-usage").text().contains("Team plan"));
        List<String> usage = page.select("#home-usage .usage li").eachText();
        assertTrue(usage.get(0).startsWith("Seats 2 of 10"), usage.toString());
        assertTrue(usage.get(1).contains("1 of 100"), usage.toString());
        assertTrue(usage.get(2).contains("7 of 3,000"), usage.toString());
    }

    @Test
    void hidingTheChecklistLastsForThatPersonOnly() {
        Tenant tenant = TestTenants.create("home-hide");
        Person owner = owner(tenant);
        Person other = owner(tenant);
        assertNotNull(home(owner, tenant).getElementById("getting-started"));
        assertEquals(303, owner.browser().post("/t/" + tenant.slug + "/home/checklist/dismiss").statusCode());
        assertNull(home(owner, tenant).getElementById("getting-started"), "dismissed: hidden on every later visit");
        assertNotNull(home(other, tenant).getElementById("getting-started"), "another person still sees it");
        assertEquals(303, owner.browser().post("/t/" + tenant.slug + "/home/checklist/dismiss").statusCode(),
                "dismissing twice changes nothing");
    }

    @Test
    void aWorkspaceWithItsReferralProgramOffShowsNoReferralLinkNorAStepToShareIt() {
        Tenant tenant = TestTenants.create("home-no-referrals");
        Person owner = owner(tenant);
        scopedWork.run(tenant.id, owner.id(), () -> referralProgram.setDisabled(owner.id(), tenant.id, true));
        Document page = home(owner, tenant);

        assertNull(page.getElementById("home-referral"), "no referral block while the program is off");
        Element steps = page.getElementById("getting-started");
        assertEquals(3, steps.select("li").size(), steps.text());
        assertTrue(!steps.text().contains("referral"), steps.text());

        scopedWork.run(tenant.id, owner.id(), () -> referralProgram.setDisabled(owner.id(), tenant.id, false));
        Document on = home(owner, tenant);
        assertNotNull(on.selectFirst("#home-referral input#home-referral-link"), "back on: the link is shown again");
        assertEquals(4, on.select("#getting-started li").size());
    }
}
