package pro.dailydoco.account;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import pro.dailydoco.account.team.Invitation;
import pro.dailydoco.mail.MailSender;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;
import pro.dailydoco.support.TestTenants;
import pro.dailydoco.tenant.ScopedWork;
import pro.dailydoco.tenant.Tenant;

@QuarkusTest
class TeamTest {

    @Inject
    MockMailbox mailbox;

    @Inject
    MailSender mailSender;

    @Inject
    ScopedWork scopedWork;

    private String invitationLink(String email) {
        mailSender.sendDueNow();
        List<Mail> mails = mailbox.getMailsSentTo(email);
        assertTrue(mails != null && !mails.isEmpty(), "invitation mailed to " + email);
        String text = mails.get(mails.size() - 1).getText();
        return text.lines().filter(l -> l.contains("/invitations/")).findFirst().orElseThrow().trim()
                .replaceFirst("^https?://[^/]+", "");
    }

    private Optional<Membership> membership(Tenant tenant, String email) {
        User user = Accounts.user(email);
        return scopedWork.call(tenant.id, user.id, () -> Membership.find(tenant.id, user.id));
    }

    @Test
    void invitedTeammateCreatesAnAccountFromTheLinkAndSeesTheSameWorkspace() {
        Tenant team = TestTenants.withPlan("team", "TEAM");
        Browser admin = Accounts.signedInMember(team, Role.ADMIN);
        String invitee = Accounts.uniqueEmail("invitee");
        admin.get("/t/" + team.slug + "/members").then().statusCode(200);
        Response invite = admin.post("/t/" + team.slug + "/members/invitations", "email", invitee, "role", "MEMBER");
        assertEquals(303, invite.statusCode(), invite.asString());
        admin.follow(invite).then().body(containsString("Invitation sent to " + invitee));

        String link = invitationLink(invitee);
        Browser newcomer = new Browser();
        newcomer.get(link).then().statusCode(200).body(containsString("Join " + team.displayName));
        Response joined = newcomer.post(link + "/register", "displayName", "New Person", "password", Accounts.PASSWORD);
        assertEquals(303, joined.statusCode(), joined.asString());
        newcomer.follow(joined).then().statusCode(200).body(containsString(team.displayName));
        assertEquals(Role.MEMBER, membership(team, invitee).orElseThrow().role);

        // The link works once.
        new Browser().get(link).then().statusCode(410).body(containsString("already been accepted"));
    }

    @Test
    void signedInPersonAcceptsAnInvitationSentToTheirEmail() {
        Tenant team = TestTenants.withPlan("accept", "TEAM");
        Browser admin = Accounts.signedInMember(team, Role.OWNER);
        Tenant other = TestTenants.create("elsewhere");
        String existing = Accounts.createMember(other, Role.OWNER);
        admin.get("/t/" + team.slug + "/members");
        admin.post("/t/" + team.slug + "/members/invitations", "email", existing, "role", "BILLING").then().statusCode(303);
        String link = invitationLink(existing);
        Browser person = new Browser();
        Accounts.signIn(person, existing, Accounts.PASSWORD);
        person.get(link).then().statusCode(200);
        person.post(link + "/accept").then().statusCode(303);
        assertEquals(Role.BILLING, membership(team, existing).orElseThrow().role);
        // Now a member of two workspaces: the switcher lists both.
        Document page = Browser.html(person.get("/t/" + team.slug + "/"));
        assertTrue(page.select("details.menu a").eachText().containsAll(List.of(team.displayName, other.displayName)));
    }

    @Test
    void expiredInvitationIsRefusedWithAClearMessage() {
        Tenant team = TestTenants.withPlan("expire", "TEAM");
        Browser admin = Accounts.signedInMember(team, Role.ADMIN);
        String invitee = Accounts.uniqueEmail("late");
        admin.get("/t/" + team.slug + "/members");
        admin.post("/t/" + team.slug + "/members/invitations", "email", invitee, "role", "MEMBER").then().statusCode(303);
        String link = invitationLink(invitee);
        scopedWork.run(team.id, null, () -> Invitation.update("expiresAt = ?1 where email = ?2", Instant.now().minusSeconds(1), invitee));
        new Browser().get(link).then().statusCode(410).body(containsString("This invitation has expired"));
    }

    @Test
    void freeWorkspaceCannotInvitePastItsSeatAndIsShownTheUpgrade() {
        Browser owner = new Browser();
        String slug = Accounts.signUp(owner, Accounts.uniqueEmail("solo"), "Solo Free");
        owner.get("/t/" + slug + "/members");
        Response refused = owner.post("/t/" + slug + "/members/invitations", "email", Accounts.uniqueEmail("x"), "role", "MEMBER");
        assertEquals(402, refused.statusCode());
        Document page = Browser.html(refused);
        String alert = page.selectFirst("[role=alert]").text();
        assertTrue(alert.contains("Your Free plan includes 1 seat"), alert);
        assertTrue(page.selectFirst("[role=alert] a[href=/t/" + slug + "/billing]") != null, "upgrade link offered");
    }

    @Test
    void seatsCountMembersPlusPendingInvitations() {
        Tenant team = TestTenants.withPlan("seats", "TEAM");
        Browser owner = Accounts.signedInMember(team, Role.OWNER);
        owner.get("/t/" + team.slug + "/members");
        for (int i = 0; i < 9; i++) {
            owner.post("/t/" + team.slug + "/members/invitations", "email", Accounts.uniqueEmail("seat" + i), "role", "MEMBER")
                    .then().statusCode(303);
        }
        Response eleventh = owner.post("/t/" + team.slug + "/members/invitations", "email", Accounts.uniqueEmail("over"), "role", "MEMBER");
        assertEquals(402, eleventh.statusCode());
        assertTrue(eleventh.asString().contains("Your Team plan includes 10 seats"));
    }

    @Test
    void theLastOwnerCanNeitherBeDemotedNorRemoved() {
        Tenant team = TestTenants.withPlan("owner", "TEAM");
        Browser owner = Accounts.signedInMember(team, Role.OWNER);
        String ownerEmail = Accounts.user(ownerEmailOf(owner)).email;
        Membership mine = membership(team, ownerEmail).orElseThrow();
        owner.get("/t/" + team.slug + "/members");
        owner.post("/t/" + team.slug + "/members/" + mine.id + "/role", "role", "ADMIN")
                .then().statusCode(409).body(containsString("last owner"));
        String adminEmail = Accounts.createMember(team, Role.ADMIN);
        Browser admin = new Browser();
        Accounts.signIn(admin, adminEmail, Accounts.PASSWORD);
        admin.get("/t/" + team.slug + "/members");
        admin.post("/t/" + team.slug + "/members/" + mine.id + "/remove").then().statusCode(403);
        assertEquals(Role.OWNER, membership(team, ownerEmail).orElseThrow().role);
    }

    /** The refusal to demote the last owner is a message on the team form, not an error page (docs/decisions/0174-danger-and-confirmation.md). */
    @Test
    void demotingTheLastOwnerShowsAMessageOnTheTeamForm() {
        Tenant team = TestTenants.withPlan("last-owner-form", "TEAM");
        Browser owner = Accounts.signedInMember(team, Role.OWNER);
        Membership mine = membership(team, Accounts.user(ownerEmailOf(owner)).email).orElseThrow();
        owner.get("/t/" + team.slug + "/members");

        Response plain = owner.post("/t/" + team.slug + "/members/" + mine.id + "/role", "role", "ADMIN");
        assertEquals(409, plain.statusCode());
        Document page = Browser.html(plain);
        assertEquals("Team", page.selectFirst("h1").text(), "the team page, not an error page");
        assertTrue(page.select("#member-table [role=alert]").text().contains("last owner"), page.select("main").text());
        assertTrue(page.selectFirst("#role-" + mine.id) != null, "the role form is still there");

        Response htmx = owner.request().header("HX-Request", "true").header("HX-Target", "member-table")
                .header("X-CSRF-Token", owner.csrfToken()).contentType("application/x-www-form-urlencoded")
                .formParam("role", "ADMIN").post("/t/" + team.slug + "/members/" + mine.id + "/role");
        assertEquals(409, htmx.statusCode());
        assertEquals("true", htmx.getHeader("X-Form-Error"), "app.js swaps a form error into the page");
        Document fragment = Browser.html(htmx);
        assertTrue(fragment.select("h1").isEmpty(), "only the member table: " + htmx.asString());
        assertTrue(fragment.select("#member-table [role=alert]").text().contains("last owner"));
        assertEquals(Role.OWNER, membership(team, Accounts.user(ownerEmailOf(owner)).email).orElseThrow().role);
    }

    @Test
    void anInvitationDefaultsToTheMemberRole() {
        Tenant team = TestTenants.withPlan("invite-default", "TEAM");
        Browser admin = Accounts.signedInMember(team, Role.ADMIN);
        Document page = Browser.html(admin.get("/t/" + team.slug + "/members"));
        assertEquals("MEMBER", page.selectFirst("#invite-role option[selected]") == null ? "(first option: "
                + page.selectFirst("#invite-role option").val() + ")" : page.selectFirst("#invite-role option[selected]").val());
    }

    @Test
    void ownershipTransferMakesTheTargetOwnerAndTheOldOwnerAdmin() {
        Tenant team = TestTenants.withPlan("transfer", "TEAM");
        Browser owner = Accounts.signedInMember(team, Role.OWNER);
        String ownerEmail = ownerEmailOf(owner);
        String memberEmail = Accounts.createMember(team, Role.MEMBER);
        Membership target = membership(team, memberEmail).orElseThrow();
        owner.get("/t/" + team.slug + "/members");
        owner.post("/t/" + team.slug + "/members/" + target.id + "/transfer-ownership").then().statusCode(303);
        assertEquals(Role.OWNER, membership(team, memberEmail).orElseThrow().role);
        assertEquals(Role.ADMIN, membership(team, ownerEmail).orElseThrow().role);
    }

    @Test
    void membersCannotManageTheTeam() {
        Tenant team = TestTenants.withPlan("plain", "TEAM");
        Browser member = Accounts.signedInMember(team, Role.MEMBER);
        member.get("/t/" + team.slug + "/members").then().statusCode(403).body(containsString("does not allow this"));
        member.post("/t/" + team.slug + "/members/invitations", "email", Accounts.uniqueEmail("no"), "role", "MEMBER")
                .then().statusCode(403);
    }

    @Test
    void memberListSearchesAndPaginates() {
        Tenant team = TestTenants.withPlan("search", "ENTERPRISE");
        Browser owner = Accounts.signedInMember(team, Role.OWNER);
        for (int i = 0; i < 21; i++) {
            Accounts.createMember(team, Role.MEMBER);
        }
        Document first = Browser.html(owner.get("/t/" + team.slug + "/members"));
        assertEquals(20, first.select("#member-table tbody tr").size());
        assertTrue(first.selectFirst(".pagination").text().contains("Page 1 of 2 (22 members)"));
        Response fragment = owner.request().header("HX-Request", "true").header("HX-Target", "member-table")
                .get("/t/" + team.slug + "/members?q=owner");
        Document table = Browser.html(fragment);
        assertEquals(1, table.select("tbody tr").size());
        assertTrue(fragment.asString().trim().startsWith("<div id=\"member-table\""), "htmx gets the fragment only");
    }

    private static String ownerEmailOf(Browser browser) {
        Document page = Browser.html(browser.get("/account"));
        return page.selectFirst("fieldset strong").text();
    }

    static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
