package pro.dailydoco.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import pro.dailydoco.account.web.SessionCookies;
import pro.dailydoco.support.Browser;
import pro.dailydoco.support.TestTenants;
import pro.dailydoco.tenant.ScopedWork;
import pro.dailydoco.tenant.Tenant;

/**
 * The server calls only what the guard allows — the issuer and every endpoint its discovery document names — and
 * reads a bounded document. A real HTTP server (the JDK's) on loopback serves the documents; loopback over http is
 * allowed in %test, so the internal address under test is the link-local metadata address in {@code jwks_uri}.
 */
@QuarkusTest
class SsoDiscoveryGuardTest {

    private static final String METADATA = "https://169.254.169.254/latest/meta-data";

    private HttpServer server;
    private String base;
    private final AtomicLong bytesServed = new AtomicLong();
    private Tenant tenant;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        server.createContext("/internal-jwks/.well-known/openid-configuration", exchange -> {
            String issuer = base + "/internal-jwks";
            byte[] doc = ("{\"issuer\":\"" + issuer + "\",\"authorization_endpoint\":\"" + issuer + "/authorize\","
                    + "\"token_endpoint\":\"" + issuer + "/token\",\"jwks_uri\":\"" + METADATA + "\","
                    + "\"code_challenge_methods_supported\":[\"S256\"]}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, doc.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(doc);
            }
        });
        server.createContext("/endless/.well-known/openid-configuration", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0); // chunked, and it never ends
            byte[] chunk = ("{\"padding\":\"" + "x".repeat(8 * 1024) + "\",").getBytes(StandardCharsets.UTF_8);
            try (OutputStream out = exchange.getResponseBody()) {
                while (bytesServed.get() < 512L * 1024 * 1024) {
                    out.write(chunk);
                    bytesServed.addAndGet(chunk.length);
                }
            } catch (IOException clientWentAway) {
                // expected: the probe stops reading and closes the connection
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        SsoFlow.releaseDomains(tenant);
    }

    private static DiscoveryProbe probe(boolean allowLoopback) {
        SsoConfig config = SsoSecretsAndGuardTest.config("k", allowLoopback);
        return new DiscoveryProbe(new IssuerGuard(config), config);
    }

    @Test
    void anEndpointAtAnInternalAddressFailsTheProbe() {
        DiscoveryProbe.Result result = probe(true).probe(base + "/internal-jwks");
        assertFalse(result.ok());
        assertEquals(List.of("The discovery document's jwks_uri points to an internal address (169.254.169.254); "
                + "only public identity providers can be used."), result.problems());
    }

    @Test
    void aStrictGuardRefusesTheLoopbackIssuerBeforeAnyFetch() {
        DiscoveryProbe.Result result = probe(false).probe(base + "/internal-jwks");
        assertFalse(result.ok());
        assertTrue(result.problems().get(0).contains("internal address (127.0.0.1)"), result.problems().toString());
    }

    @Test
    void anOversizedDiscoveryDocumentIsCutOffNotReadWhole() {
        DiscoveryProbe.Result result = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> probe(true).probe(base + "/endless"));
        assertEquals(List.of("The discovery document is too large to be one."), result.problems());
        assertTrue(bytesServed.get() < 64L * 1024 * 1024, "stopped early: " + bytesServed.get() + " bytes served");
    }

    @Test
    void signInThroughAnIdpWhoseJwksUriIsInternalLandsOnTheSsoErrorPageAndIsAudited() {
        tenant = TestTenants.withPlan("sso-ssrf", "ENTERPRISE");
        SsoFlow.configure(tenant, base + "/internal-jwks", "dailydoco", "secret", "{}", false,
                "ssrf-" + UUID.randomUUID().toString().substring(0, 8) + ".example");
        Browser browser = new Browser();
        Response start = browser.get("/t/" + tenant.slug + "/sso");
        assertEquals(200, start.statusCode(), start.asString());
        Response login = browser.get("/t/" + tenant.slug + "/sso/login");
        assertEquals(502, login.statusCode(), login.asString());
        assertTrue(Browser.html(login).select("#sso-error").text().contains("Test connection"), login.asString());
        assertEquals(null, browser.cookie(SessionCookies.SESSION));
        assertEquals(502, browser.get("/t/" + tenant.slug + "/sso/login").statusCode(),
                "still refused, from the last check: a broken IdP is fetched and audited once a minute, not per request");
        @SuppressWarnings("unchecked")
        List<String> audit = Arc.container().instance(ScopedWork.class).get().asTenant(tenant.id, () -> Tenant.getEntityManager()
                .createNativeQuery("select outcome || ' ' || details from audit_entry where tenant_id = ?1 and action = 'sso.login' order by seq")
                .setParameter(1, tenant.id).getResultList());
        assertEquals(List.of("FAILURE {\"reason\":\"idp-configuration-refused\"}"), audit);
    }
}
