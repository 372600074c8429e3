package pro.dailydoco.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import pro.dailydoco.account.Role;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;
import pro.dailydoco.support.TestTenants;
import pro.dailydoco.tenant.Tenant;

@QuarkusTest
class SsoSettingsPageTest {

    @Test
    void onlyOwnersAndAdminsOfEnterpriseWorkspacesSeeThePage() {
        Tenant enterprise = TestTenants.withPlan("sso-page", "ENTERPRISE");
        String page = "/t/" + enterprise.slug + "/settings/sso";
        assertEquals(200, Accounts.signedInMember(enterprise, Role.OWNER).get(page).statusCode());
        assertEquals(200, Accounts.signedInMember(enterprise, Role.ADMIN).get(page).statusCode());
        assertEquals(403, Accounts.signedInMember(enterprise, Role.MEMBER).get(page).statusCode());
        assertEquals(403, Accounts.signedInMember(enterprise, Role.BILLING).get(page).statusCode());
        Tenant team = TestTenants.withPlan("sso-team", "TEAM");
        assertEquals(403, Accounts.signedInMember(team, Role.OWNER).get("/t/" + team.slug + "/settings/sso").statusCode());
    }

    @Test
    void testConnectionRefusesPlainHttpAndInternalAddresses() {
        Tenant tenant = TestTenants.withPlan("sso-probe", "ENTERPRISE");
        Browser admin = Accounts.signedInMember(tenant, Role.ADMIN);
        String test = "/t/" + tenant.slug + "/settings/sso/test";
        admin.get("/t/" + tenant.slug + "/settings/sso");
        assertTrue(problems(admin.post(test, "issuer", "http://93.184.215.14/realms/x")).contains("must use https"));
        assertTrue(problems(admin.post(test, "issuer", "https://10.1.2.3/realms/x")).contains("internal address"));
        assertTrue(problems(admin.post(test, "issuer", "https://169.254.169.254/latest")).contains("internal address"));
        assertTrue(problems(admin.post(test, "issuer", "https://192.168.0.1/")).contains("internal address"));
    }

    @Test
    void savingSettingsKeepsTheSecretWriteOnlyAndRefusesOwnerMappings() {
        Tenant tenant = TestTenants.withPlan("sso-save", "ENTERPRISE");
        Browser owner = Accounts.signedInMember(tenant, Role.OWNER);
        String page = "/t/" + tenant.slug + "/settings/sso";
        owner.get(page);
        Response bad = owner.post(page, "issuer", "http://127.0.0.1:1/realms/x", "clientId", "dd", "clientSecret", "s3cret-value",
                "scopes", "openid email", "defaultRole", "MEMBER", "roleMapping", "admins=OWNER");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.asString().contains("never grants OWNER"));
        Response ok = owner.post(page, "issuer", "http://127.0.0.1:1/realms/x", "clientId", "dd", "clientSecret", "s3cret-value",
                "scopes", "openid email", "defaultRole", "MEMBER", "roleMapping", "admins=ADMIN", "enforce", "on");
        assertEquals(303, ok.statusCode(), ok.asString());
        String html = owner.get(page).asString();
        assertTrue(!html.contains("s3cret-value"), "the secret is never shown again");
        assertTrue(html.contains("admins=ADMIN"));
    }

    @Test
    void domainClaimsNeedTheDnsTokenAndPublicProvidersCantBeClaimed() {
        Tenant tenant = TestTenants.withPlan("sso-dom", "ENTERPRISE");
        Browser owner = Accounts.signedInMember(tenant, Role.OWNER);
        String page = "/t/" + tenant.slug + "/settings/sso";
        owner.get(page);
        assertEquals(400, owner.post(page + "/domains", "domain", "gmail.com").statusCode());
        String domain = "claim-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        assertEquals(303, owner.post(page + "/domains", "domain", domain).statusCode());
        Response listed = owner.get(page);
        Element row = Browser.html(listed).select("tr:contains(" + domain + ")").first();
        org.junit.jupiter.api.Assertions.assertNotNull(row, listed.asString());
        String txt = row.selectFirst("code").text();
        String verify = row.selectFirst("form").attr("action");
        assertEquals(409, owner.post(verify).statusCode(), "no TXT record yet");
        FakeDns.publish("_dailydoco-challenge." + domain, txt);
        assertEquals(303, owner.post(verify).statusCode());
        assertTrue(Browser.html(owner.get(page)).select("tr:contains(" + domain + ")").text().contains("Verified"));

        Tenant other = TestTenants.withPlan("sso-dom2", "ENTERPRISE");
        Browser otherOwner = Accounts.signedInMember(other, Role.OWNER);
        String otherPage = "/t/" + other.slug + "/settings/sso";
        otherOwner.get(otherPage);
        assertEquals(303, otherOwner.post(otherPage + "/domains", "domain", domain).statusCode());
        Element otherRow = Browser.html(otherOwner.get(otherPage)).select("tr:contains(" + domain + ")").first();
        FakeDns.publish("_dailydoco-challenge." + domain, otherRow.selectFirst("code").text());
        String otherVerify = otherRow.selectFirst("form").attr("action");
        assertEquals(409, otherOwner.post(otherVerify).statusCode(), "a verified domain belongs to one workspace");
        SsoFlow.releaseDomains(tenant);
    }

    private static String problems(Response response) {
        return Browser.html(response).select("#sso-test-result").text();
    }
}
