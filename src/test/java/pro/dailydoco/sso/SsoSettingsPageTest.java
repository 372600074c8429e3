package pro.dailydoco.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import pro.dailydoco.account.Role;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;
import pro.dailydoco.support.KeycloakResource;
import pro.dailydoco.support.LockWaits;
import pro.dailydoco.support.TestTenants;
import pro.dailydoco.tenant.ScopedWork;
import pro.dailydoco.tenant.Tenant;

@QuarkusTest
class SsoSettingsPageTest {

    @Test
    void onlyOwnersAndAdminsOfEnterpriseWorkspacesSeeThePage() {
        Tenant enterprise = TestTenants.withPlan("sso-page", "ENTERPRISE");
        String page = "/t/" + enterprise.slug + "/settings/sso";
        io.restassured.response.Response owners = Accounts.signedInMember(enterprise, Role.OWNER).get(page);
        assertEquals(200, owners.statusCode());
        assertTrue(owners.asString().contains("No email domains claimed on this page yet"), "empty state of a fresh workspace");
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
    void testConnectionReportsAWorkingIssuerAndAnIssuerThatCallsItselfOtherwise() {
        KeycloakResource.awaitReady();
        Tenant tenant = TestTenants.withPlan("sso-probe-ok", "ENTERPRISE");
        Browser admin = Accounts.signedInMember(tenant, Role.ADMIN);
        String test = "/t/" + tenant.slug + "/settings/sso/test";
        admin.get("/t/" + tenant.slug + "/settings/sso");
        String issuer = KeycloakResource.issuer(SsoFlow.REALM_A);
        Response working = admin.post(test, "issuer", issuer + "/");
        assertEquals(200, working.statusCode(), working.asString());
        assertEquals("The identity provider at " + issuer + "/ answered with a valid discovery document.", problems(working));

        // Same server under another name: its discovery document names the issuer it signs tokens as.
        String otherName = issuer.replace("127.0.0.1", "localhost");
        Response mismatch = admin.post(test, "issuer", otherName);
        assertEquals(200, mismatch.statusCode(), mismatch.asString());
        assertEquals("The provider calls itself '" + issuer + "', not '" + otherName
                + "'; tokens would be refused. Use the provider's issuer exactly.", problems(mismatch));

        Response nothingThere = admin.post(test, "issuer", issuer.replace(SsoFlow.REALM_A, "no-such-realm"));
        assertTrue(problems(nothingThere).contains("answered HTTP 404"), problems(nothingThere));
        assertTrue(problems(admin.post(test, "issuer", "not a url")).contains("is not a valid URL"));
    }

    @Test
    void savingSettingsKeepsTheSecretWriteOnlyAndRefusesOwnerMappings() {
        // Save checks the issuer's discovery first: an issuer that answers (the mock IdP) is saved.
        String issuer = pro.dailydoco.support.MockOidcResource.issuer(pro.dailydoco.support.MockOidcResource.WELL_BEHAVED);
        Tenant tenant = TestTenants.withPlan("sso-save", "ENTERPRISE");
        Browser owner = Accounts.signedInMember(tenant, Role.OWNER);
        String page = "/t/" + tenant.slug + "/settings/sso";
        owner.get(page);
        Response bad = owner.post(page, "issuer", issuer, "clientId", "dd", "clientSecret", "s3cret-value",
                "scopes", "openid email", "defaultRole", "MEMBER", "roleMapping", "admins=OWNER");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.asString().contains("never grants OWNER"));
        Response ok = owner.post(page, "issuer", issuer, "clientId", "dd", "clientSecret", "s3cret-value",
                "scopes", "openid email", "defaultRole", "MEMBER", "roleMapping", "admins=ADMIN", "enforce", "on");
        assertEquals(303, ok.statusCode(), ok.asString());
        String html = owner.get(page).asString();
        assertTrue(!html.contains("s3cret-value"), "the secret is never shown again");
        assertTrue(html.contains("admins=ADMIN"));
        assertEquals(List.of("SUCCESS {\"secretChanged\":\"true\",\"version\":\"1\"}"), SsoFlow.audit(tenant, "sso.settings-changed"));
        assertEquals(List.of("SUCCESS {\"enforce\":\"true\"}"), SsoFlow.audit(tenant, "sso.enforcement-changed"));

        // Saved again without the secret and with enforcement off: both recorded, the secret untouched.
        assertEquals(303, owner.post(page, "issuer", issuer, "clientId", "dd", "scopes", "openid email",
                "defaultRole", "MEMBER", "roleMapping", "admins=ADMIN").statusCode());
        assertEquals("SUCCESS {\"secretChanged\":\"false\",\"version\":\"2\"}", SsoFlow.audit(tenant, "sso.settings-changed").get(1));
        assertEquals(List.of("SUCCESS {\"enforce\":\"true\"}", "SUCCESS {\"enforce\":\"false\"}"),
                SsoFlow.audit(tenant, "sso.enforcement-changed"));
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
        assertEquals(List.of("SUCCESS {}"), SsoFlow.audit(tenant, "sso.domain-claimed"));
        assertEquals(409, owner.post(verify).statusCode(), "no TXT record yet");
        FakeDns.publish("_dailydoco-challenge." + domain, txt);
        assertEquals(303, owner.post(verify).statusCode());
        assertEquals(List.of("DENIED {\"reason\":\"no-txt\"}", "SUCCESS {}"), SsoFlow.audit(tenant, "sso.domain-verified"));
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

    @Test
    void twoWorkspacesVerifyingOneDomainAtTheSameMomentGetOneSuccessAndOneConflict() throws Exception {
        String domain = "race-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        Tenant first = TestTenants.withPlan("sso-race1", "ENTERPRISE");
        Tenant second = TestTenants.withPlan("sso-race2", "ENTERPRISE");
        String firstOwnerEmail = Accounts.createMember(first, Role.OWNER);
        Browser secondOwner = Accounts.signedInMember(second, Role.OWNER);
        String secondPage = "/t/" + second.slug + "/settings/sso";
        secondOwner.get(secondPage);
        assertEquals(303, secondOwner.post(secondPage + "/domains", "domain", domain).statusCode());
        Element secondRow = Browser.html(secondOwner.get(secondPage)).select("tr:contains(" + domain + ")").first();
        UUID firstActor = Accounts.user(firstOwnerEmail).id;
        ScopedWork scopedWork = Arc.container().instance(ScopedWork.class).get();
        SsoDomains domains = Arc.container().instance(SsoDomains.class).get();
        SsoDomainClaim firstClaim = scopedWork.call(first.id, firstActor, () -> domains.claim(first.id, firstActor, domain));
        FakeDns.publish("_dailydoco-challenge." + domain, firstClaim.txtRecordValue(), secondRow.selectFirst("code").text());

        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            // The first workspace verifies and holds its transaction open until the second is seen waiting.
            CountDownLatch verified = new CountDownLatch(1);
            Future<?> holder = pool.submit(() -> scopedWork.run(first.id, firstActor, () -> {
                domains.verify(first.id, firstActor, firstClaim.id);
                verified.countDown();
                LockWaits.awaitLockWaiter();
            }));
            assertTrue(verified.await(30, TimeUnit.SECONDS));
            Response second409 = secondOwner.post(secondRow.selectFirst("form").attr("action"));
            holder.get(30, TimeUnit.SECONDS);

            assertEquals(409, second409.statusCode(), second409.asString());
            assertTrue(Browser.html(second409).text().contains(domain + " is already verified by another workspace."));
            assertEquals(List.of("DENIED {\"reason\":\"taken\"}"), SsoFlow.audit(second, "sso.domain-verified"));
        } finally {
            pool.shutdownNow();
            SsoFlow.releaseDomains(first);
            SsoFlow.releaseDomains(second);
        }
    }

    private static String problems(Response response) {
        return Browser.html(response).select("#sso-test-result").text();
    }
}
