package pro.dailydoco.project;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import pro.dailydoco.account.Role;
import pro.dailydoco.billing.metering.PaidWorkspaces;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;
import pro.dailydoco.support.TestTenants;
import pro.dailydoco.tenant.Tenant;

/**
 * Video minutes past the plan's 600 a month (Pro): refused on stop, let through and billed by the minute on overage
 * — only the minutes past the allowance, counted in the transaction that adds the video.
 */
@QuarkusTest
class VideoOverageTest {

    private static String project(Browser browser, Tenant tenant) {
        browser.get("/t/" + tenant.slug + "/projects/new");
        Response created = browser.post("/t/" + tenant.slug + "/projects", "name", "tour", "repositoryUrl",
                "https://github.com/acme/tour", "description", "Docs");
        assertEquals(303, created.statusCode(), created.asString());
        return created.getHeader("Location");
    }

    private static int video(Browser browser, String project, String title, int minutes) {
        browser.get(project + "/videos/new");
        return browser.post(project + "/videos", "title", title, "durationMinutes", String.valueOf(minutes), "status",
                "DRAFT").statusCode();
    }

    @Test
    void onOverageMinutesPastTheAllowanceAreLetThroughAndBilledByTheMinute() {
        Tenant tenant = TestTenants.create("video-overage");
        PaidWorkspaces.subscribeToPro(tenant);
        Browser owner = Accounts.signedInMember(tenant, Role.OWNER);
        owner.get("/t/" + tenant.slug + "/billing");
        assertEquals(303, owner.post("/t/" + tenant.slug + "/billing/overage", "choice", "overage").statusCode());
        String project = project(owner, tenant);

        assertEquals(303, video(owner, project, "Within", 590));
        assertEquals(0, PaidWorkspaces.units(tenant.id, "video_minutes"));
        assertEquals(303, video(owner, project, "Across", 25), "on overage the video is added");
        assertEquals(15, PaidWorkspaces.units(tenant.id, "video_minutes"), "600 − 590 = 10 within, 15 past");
        assertEquals(303, video(owner, project, "Past", 7));
        assertEquals(22, PaidWorkspaces.units(tenant.id, "video_minutes"));
    }

    @Test
    void onStopMinutesPastTheAllowanceAreRefusedAndNothingIsBilled() {
        Tenant tenant = TestTenants.create("video-overage-stop");
        PaidWorkspaces.subscribeToPro(tenant);
        Browser owner = Accounts.signedInMember(tenant, Role.OWNER);
        String project = project(owner, tenant);

        assertEquals(303, video(owner, project, "Within", 590));
        assertEquals(402, video(owner, project, "Across", 25));
        assertEquals(0, PaidWorkspaces.batches(tenant.id).size());
    }
}
