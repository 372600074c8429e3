package pro.dailydoco.tenant;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import pro.dailydoco.account.Role;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.TestTenants;

@QuarkusTest
class TenantResolutionTest {

    @Test
    void tenantHomeResolvesFromPathWithBranding() {
        Tenant tenant = TestTenants.create("path");
        Accounts.signedInMember(tenant, Role.MEMBER).get("/t/" + tenant.slug + "/")
                .then().statusCode(200)
                .body(containsString(tenant.displayName))
                .body(containsString("--brand: #123456"))
                .body(containsString("--brand-text: #ffffff"));
    }

    @Test
    void tenantResolvesFromItsSubdomainOfTheBaseDomain() {
        Tenant tenant = TestTenants.create("sub");
        given().accept("text/html").header("Host", tenant.slug + ".dailydoco.localhost").redirects().follow(false)
                .get("/")
                .then().statusCode(303)
                .header("Location", equalTo("/t/" + tenant.slug + "/"));
        Accounts.signedInMember(tenant, Role.MEMBER).request().header("Host", tenant.slug + ".dailydoco.localhost:8080")
                .get("/t/" + tenant.slug + "/")
                .then().statusCode(200).body(containsString(tenant.displayName));
    }

    @Test
    void tenantResolvesFromItsCustomHostname() {
        String host = TestTenants.uniqueSlug("docs") + ".example.org";
        Tenant tenant = TestTenants.create("custom", TenantStatus.ACTIVE, List.of(host));
        given().accept("text/html").header("Host", host).redirects().follow(false).get("/")
                .then().statusCode(303).header("Location", equalTo("/t/" + tenant.slug + "/"));
    }

    @Test
    void aLineBreakLaterInTheAddressStillBelongsToTheWorkspace() {
        // Line breaks are text a form may hold, so the input rules let them through; the workspace of
        // /t/<slug>/invitations/<token with a line break>/accept must still be found (it answered 500 without one).
        Tenant tenant = TestTenants.create("linebreak");
        assertEquals(java.util.Optional.of(tenant.slug), TenantResolution.slugFromPath("/t/" + tenant.slug + "/invitations/a\r\nb/accept"));
        var stranger = Accounts.signedInMember(TestTenants.create("linebreak-other"), Role.OWNER);
        stranger.get("/account"); // a page's form token
        stranger.post("/t/" + tenant.slug + "/invitations/line%0D%0AX-Injected%3A%201/accept").then().statusCode(404);
    }

    @Test
    void pathAndHostThatDisagreeAnswer404() {
        Tenant a = TestTenants.create("hosta");
        Tenant b = TestTenants.create("hostb");
        given().accept("text/html").header("Host", a.slug + ".dailydoco.localhost")
                .get("/t/" + b.slug + "/")
                .then().statusCode(404).body(containsString("Workspace not found"))
                .body(org.hamcrest.Matchers.not(containsString(b.displayName)));
    }

    @Test
    void anonymousVisitorOfAWorkspaceGetsTheSame404AsAnUnknownWorkspace() {
        Tenant tenant = TestTenants.create("anon");
        given().accept("text/html").redirects().follow(false).get("/t/" + tenant.slug + "/")
                .then().statusCode(404).body(containsString("Workspace not found"))
                .body(org.hamcrest.Matchers.not(containsString(tenant.displayName)));
    }

    @Test
    void signedInNonMemberGetsTheSame404AsAnUnknownWorkspace() {
        Tenant mine = TestTenants.create("mine");
        Tenant theirs = TestTenants.create("theirs");
        Accounts.signedInMember(mine, Role.OWNER).get("/t/" + theirs.slug + "/")
                .then().statusCode(404).body(containsString("Workspace not found"))
                .body(org.hamcrest.Matchers.not(containsString(theirs.displayName)));
    }

    @Test
    void unknownTenantAnswersFriendly404() {
        given().accept("text/html").get("/t/no-such-tenant/")
                .then().statusCode(404)
                .contentType(containsString("text/html"))
                .body(containsString("Workspace not found"));
        given().accept("text/html").header("Host", "no-such-tenant.dailydoco.localhost").get("/")
                .then().statusCode(404);
    }

    @Test
    void suspendedTenantAnswersFriendly403ToItsMembersAnd404ToOthers() {
        Tenant tenant = TestTenants.create("susp");
        pro.dailydoco.support.Browser member = Accounts.signedInMember(tenant, Role.MEMBER);
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .run(() -> Tenant.update("status = ?1 where id = ?2", TenantStatus.SUSPENDED, tenant.id));
        member.get("/t/" + tenant.slug + "/")
                .then().statusCode(403)
                .body(containsString("Workspace suspended"));
        member.request().accept("application/json, */*;q=0.1").get("/t/" + tenant.slug + "/")
                .then().statusCode(403)
                .contentType(containsString("application/problem+json"))
                .body("title", equalTo("Workspace suspended"));
        given().accept("application/json, */*;q=0.1").get("/t/" + tenant.slug + "/")
                .then().statusCode(404)
                .contentType(containsString("application/problem+json"))
                .body("title", equalTo("Workspace not found"));
    }

    @Test
    void lightBrandColourGetsDarkTextForContrast() {
        org.junit.jupiter.api.Assertions.assertEquals("#000000", pro.dailydoco.tenant.Branding.readableTextOn("#f4f4a0"));
        org.junit.jupiter.api.Assertions.assertEquals("#ffffff", pro.dailydoco.tenant.Branding.readableTextOn("#0b6e4f"));
    }
}
