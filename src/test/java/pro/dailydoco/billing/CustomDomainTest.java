package pro.dailydoco.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import pro.dailydoco.account.Role;
import pro.dailydoco.billing.AddOnStripeShapes.Item;
import pro.dailydoco.billing.addon.CustomDomains;
import pro.dailydoco.billing.events.Plan;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;
import pro.dailydoco.support.Dnsmasq;
import pro.dailydoco.support.TestTenants;
import pro.dailydoco.tenant.ScopedWork;
import pro.dailydoco.tenant.Tenant;
import pro.dailydoco.tenant.TenantStatus;

/**
 * A white-label workspace's own custom domain: set on the add-ons page by its owners and admins, proved by a TXT record
 * that a real DNS server (dnsmasq) serves, routing only once verified and while white-label is held.
 */
@QuarkusTest
@QuarkusTestResource(value = Dnsmasq.class, restrictToAnnotatedClass = true)
class CustomDomainTest {

    @Inject
    CustomDomains customDomains;

    @Inject
    ScopedWork scopedWork;

    @Inject
    EntityManager entityManager;

    private final java.util.Set<String> sent = new java.util.HashSet<>();

    private Instant clock = Instant.now().minusSeconds(3_600);

    @Test
    void withoutWhiteLabelThereIsNoFormAndSettingADomainIsRefused() {
        Tenant tenant = TestTenants.create("domain-nogrant");
        Browser owner = Accounts.signedInMember(tenant, Role.OWNER);
        String page = owner.get(addOns(tenant)).then().statusCode(200).extract().asString();
        assertFalse(page.contains("Set custom domain"), page);

        Response refused = owner.post(addOns(tenant) + "/custom-domain", "hostname", host("nogrant"));
        assertEquals(409, refused.statusCode());
        assertTrue(refused.asString().contains("needs the white-label add-on"), refused.asString());
        assertEquals(Optional.empty(), customDomains.of(tenant.id));
    }

    @Test
    void onlyOwnersAndAdminsSetItAndBadHostnamesAreRefusedWithNothingStored() {
        Tenant tenant = whiteLabelled("domain-bad");
        Browser owner = Accounts.signedInMember(tenant, Role.OWNER);
        String page = owner.get(addOns(tenant)).then().statusCode(200).extract().asString();
        assertTrue(page.contains("Set custom domain"), page);

        for (String bad : List.of("", "https://docs.acme.test", "docs.acme.test:8443", "docs.acme.test/docs",
                "-docs.acme.test", "docs_acme.test", "acme", "a b.test", "10.0.0.1", "dailydoco.localhost",
                "acme.dailydoco.localhost", "localhost", "x".repeat(64) + ".acme.test")) {
            Response response = owner.post(addOns(tenant) + "/custom-domain", "hostname", bad);
            assertEquals(400, response.statusCode(), bad + ": " + response.asString());
            assertEquals(Optional.empty(), customDomains.of(tenant.id), bad);
        }
        Browser billing = Accounts.signedInMember(tenant, Role.BILLING);
        assertTrue(billing.get(addOns(tenant)).asString().contains("Only the workspace's owners and admins set"));
        assertEquals(403, billing.post(addOns(tenant) + "/custom-domain", "hostname", host("billing")).statusCode());
        assertEquals(Optional.empty(), customDomains.of(tenant.id));

        // Upper case is lowered, an internationalised name is kept in its ASCII (punycode) form.
        Browser admin = Accounts.signedInMember(tenant, Role.ADMIN);
        admin.get(addOns(tenant));
        String unique = TestTenants.uniqueSlug("dö");
        assertEquals(303, admin.post(addOns(tenant) + "/custom-domain", "hostname", unique + ".Acme.Test").statusCode());
        assertEquals(java.net.IDN.toASCII(unique) + ".acme.test", customDomains.of(tenant.id).orElseThrow().hostname());
    }

    @Test
    void aHostnameAnotherWorkspaceHasIsRefused() {
        String fileHost = host("filed");
        TestTenants.create("domain-filed", TenantStatus.ACTIVE, List.of(fileHost));
        Tenant other = whiteLabelled("domain-other");
        Browser otherOwner = Accounts.signedInMember(other, Role.OWNER);
        otherOwner.get(addOns(other));
        String taken = host("taken");
        assertEquals(303, otherOwner.post(addOns(other) + "/custom-domain", "hostname", taken).statusCode());

        Tenant tenant = whiteLabelled("domain-conflict");
        Browser owner = Accounts.signedInMember(tenant, Role.OWNER);
        owner.get(addOns(tenant));
        for (String host : List.of(fileHost, taken)) {
            Response refused = owner.post(addOns(tenant) + "/custom-domain", "hostname", host);
            assertEquals(409, refused.statusCode(), host);
            assertTrue(refused.asString().contains("already the address of another workspace"), refused.asString());
        }
        assertEquals(Optional.empty(), customDomains.of(tenant.id));
    }

    @Test
    void aVerifiedDomainRoutesToTheWorkspaceUntilRemovedOrWhiteLabelEnds() throws Exception {
        Dnsmasq.assumeAvailable();
        Tenant tenant = TestTenants.create("domain-route");
        String customer = TestCustomers.customerFor(tenant, Plan.TEAM);
        String subscription = StripeFixtures.unique("sub");
        sendSubscription(subscription, customer, tenant, List.of(new Item("price_team_monthly", 1),
                new Item("price_white_label", 1)));
        Browser owner = Accounts.signedInMember(tenant, Role.OWNER);
        owner.get(addOns(tenant));
        String host = host("docs");
        assertEquals(303, owner.post(addOns(tenant) + "/custom-domain", "hostname", host).statusCode());
        CustomDomains.Domain domain = customDomains.of(tenant.id).orElseThrow();
        String page = owner.get(addOns(tenant)).asString();
        assertTrue(page.contains("_dailydoco-challenge." + host) && page.contains(domain.token()), page);
        assertFalse(routes(host, tenant), "set but not verified");

        // No record yet, then a record with someone else's token: clear messages, still not routed.
        try (Dnsmasq dns = Dnsmasq.serving("_dailydoco-challenge.elsewhere.test", "x")) {
            Response missing = owner.post(addOns(tenant) + "/custom-domain/verify");
            assertEquals(409, missing.statusCode());
            assertTrue(missing.asString().contains("No TXT record was found at _dailydoco-challenge." + host),
                    missing.asString());
        }
        try (Dnsmasq dns = Dnsmasq.serving("_dailydoco-challenge." + host, "not-the-token")) {
            Response differs = owner.post(addOns(tenant) + "/custom-domain/verify");
            assertEquals(409, differs.statusCode());
            assertTrue(differs.asString().contains("hold the token shown on this page"), differs.asString());
        }
        assertFalse(customDomains.of(tenant.id).orElseThrow().verified());
        assertFalse(routes(host, tenant));

        try (Dnsmasq dns = Dnsmasq.serving("_dailydoco-challenge." + host, domain.token())) {
            assertEquals(303, owner.post(addOns(tenant) + "/custom-domain/verify").statusCode());
        }
        assertTrue(customDomains.of(tenant.id).orElseThrow().verified());
        assertTrue(routes(host, tenant));
        owner.getVia(host, "/t/" + tenant.slug + "/").then().statusCode(200);

        // Removal stops routing.
        owner.get(addOns(tenant));
        assertEquals(303, owner.post(addOns(tenant) + "/custom-domain/remove").statusCode());
        assertEquals(Optional.empty(), customDomains.of(tenant.id));
        assertFalse(routes(host, tenant));

        // Set and verified again, then white-label is removed from the subscription: routing stops with it.
        owner.get(addOns(tenant));
        assertEquals(303, owner.post(addOns(tenant) + "/custom-domain", "hostname", host).statusCode());
        String token = customDomains.of(tenant.id).orElseThrow().token();
        assertFalse(token.equals(domain.token()), "a new token each time");
        try (Dnsmasq dns = Dnsmasq.serving("_dailydoco-challenge." + host, token)) {
            assertEquals(303, owner.post(addOns(tenant) + "/custom-domain/verify").statusCode());
        }
        assertTrue(routes(host, tenant));
        sendSubscription(subscription, customer, tenant, List.of(new Item("price_team_monthly", 1)));
        assertFalse(routes(host, tenant), "white-label ended");
        assertTrue(owner.get(addOns(tenant)).asString().contains("open this workspace while white-label isn"));

        assertEquals(List.of("billing.custom-domain.set", "billing.custom-domain.verified",
                "billing.custom-domain.removed", "billing.custom-domain.set", "billing.custom-domain.verified"),
                auditActions(tenant));
    }

    private boolean routes(String host, Tenant tenant) {
        Response response = RestAssured.given().accept("text/html").header("Host", host).redirects().follow(false)
                .get("/");
        return response.statusCode() == 303 && ("/t/" + tenant.slug + "/").equals(response.getHeader("Location"));
    }

    private List<String> auditActions(Tenant tenant) {
        return scopedWork.asTenant(tenant.id, () -> entityManager.createNativeQuery(
                "select action from audit_entry where tenant_id = ?1 and action like 'billing.custom-domain.%'"
                        + " order by seq", String.class)
                .setParameter(1, tenant.id).getResultList());
    }

    private Tenant whiteLabelled(String prefix) {
        Tenant tenant = TestTenants.create(prefix);
        sendSubscription(StripeFixtures.unique("sub"), TestCustomers.customerFor(tenant, Plan.TEAM), tenant,
                List.of(new Item("price_team_monthly", 1), new Item("price_white_label", 1)));
        return tenant;
    }

    private void sendSubscription(String id, String customer, Tenant tenant, List<Item> items) {
        clock = clock.plusSeconds(10);
        String type = sent.add(id) ? "customer.subscription.created" : "customer.subscription.updated";
        StripeWebhookSender.post(StripeFixtures.event(StripeFixtures.unique("evt"), type,
                clock, AddOnStripeShapes.subscription(id, customer, "active", tenant.id, items))).then().statusCode(200);
    }

    private static String addOns(Tenant tenant) {
        return "/t/" + tenant.slug + "/billing/add-ons";
    }

    private static String host(String prefix) {
        return TestTenants.uniqueSlug(prefix) + ".acme.test";
    }
}
