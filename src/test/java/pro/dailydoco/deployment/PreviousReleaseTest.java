package pro.dailydoco.deployment;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import pro.dailydoco.account.Role;
import pro.dailydoco.billing.RevenueEventsRecorder;
import pro.dailydoco.billing.StripeFixtures;
import pro.dailydoco.billing.StripeWebhookSender;
import pro.dailydoco.billing.TestCustomers;
import pro.dailydoco.billing.events.InvoicePaid;
import pro.dailydoco.billing.events.Plan;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;
import pro.dailydoco.support.TestTenants;
import pro.dailydoco.tenant.Tenant;

/**
 * A rolling upgrade runs both releases on one database for a while (docs/decisions/0220-expand-deploy-contract-migrations.md):
 * the previous release's jar (deploy/PREVIOUS_RELEASE, built from git history once and cached under target/) starts
 * on the schema this code migrated, and both serve at once — sign-in, a dashboard, signed Stripe webhooks — each
 * reading what the other wrote.
 */
@QuarkusTest
class PreviousReleaseTest {

    private static Process previous;
    private static String previousUrl;
    private static Path previousLog;

    @Inject
    RevenueEventsRecorder recorder;

    @Inject
    DataSource dataSource;

    @BeforeAll
    static void startThePreviousRelease() throws Exception {
        String commit = PreviousRelease.commit();
        long buildStart = System.nanoTime();
        Path jar = PreviousRelease.jar(commit);
        long built = System.nanoTime();
        int port = freePort();
        int managementPort = freePort();
        previousUrl = "http://localhost:" + port;
        previousLog = jar.getParent().getParent().getParent().getParent().resolve("app-" + port + ".log");

        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:MaxRAMPercentage=10", "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(previousLog.toFile());
        builder.environment().putAll(environment(port, managementPort));
        previous = builder.start();
        waitUntilReady(managementPort);
        Log.infof("Previous release %s: jar ready in %d s (cached when 0), started in %d s", commit.substring(0, 7),
                TimeUnit.NANOSECONDS.toSeconds(built - buildStart), TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - built));
    }

    @AfterAll
    static void stopThePreviousRelease() throws InterruptedException {
        if (previous != null) {
            previous.destroy();
            if (!previous.waitFor(30, TimeUnit.SECONDS)) {
                previous.destroyForcibly();
            }
        }
    }

    /**
     * The previous release runs as production would (prod profile), configured through the environment only, with
     * this test profile's values: the same database and roles, keys (sessions and CSRF tokens work on either), Stripe
     * signing secret and WireMock, tenant files; its background jobs off, as in this profile, so it does only what the
     * test asks. Every application property is passed under its own environment name (dailydoco.x-y → DAILYDOCO_X_Y),
     * and so is this release's Flyway tolerance of newer migrations, which deployments set in the environment
     * (deploy/cluster.sh, deploy/k8s/config.yaml) because the previous release has no default for it.
     */
    private static Map<String, String> environment(int port, int managementPort) {
        Config config = ConfigProvider.getConfig();
        Map<String, String> env = new TreeMap<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith("dailydoco.") || name.startsWith("TEST_")) {
                config.getOptionalValue(name, String.class).ifPresent(value -> env.put(envName(name), value));
            }
        }
        for (String name : List.of("quarkus.datasource.jdbc.url", "quarkus.datasource.username",
                "quarkus.datasource.password", "quarkus.flyway.jdbc-url", "quarkus.flyway.username",
                "quarkus.flyway.password", "quarkus.flyway.ignore-migration-patterns")) {
            config.getOptionalValue(name, String.class).ifPresent(value -> env.put(envName(name), value));
        }
        env.put("PORT", String.valueOf(port));
        env.put("DAILYDOCO_MANAGEMENT_PORT", String.valueOf(managementPort));
        env.put("DAILYDOCO_MANAGEMENT_HOST", "127.0.0.1");
        env.put("DAILYDOCO_SHUTDOWN_DELAY", "0s");
        env.put("DAILYDOCO_DB_POOL_SIZE", "4");
        return env;
    }

    private static String envName(String property) {
        return property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void waitUntilReady(int managementPort) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            if (!previous.isAlive()) {
                throw new AssertionError("The previous release refused to start on the new schema:\n" + logTail());
            }
            try {
                if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            previous.waitFor(250, TimeUnit.MILLISECONDS);
        }
        throw new AssertionError("The previous release was not ready after 2 minutes:\n" + logTail());
    }

    private static String logTail() {
        try {
            return PreviousRelease.tail(Files.readString(previousLog), 6000);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static String previous(String path) {
        return previousUrl + path;
    }

    @Test
    void peopleSignInOnEitherReleaseAndTheirSessionWorksOnBoth() {
        Tenant tenant = TestTenants.create("rolling-sign-in");
        String email = Accounts.createMember(tenant, Role.OWNER);
        String dashboard = "/t/" + tenant.slug + "/referrals";

        // Written by this release (the account), read by the previous one (sign-in); its session then read here.
        Browser onPrevious = new Browser();
        onPrevious.get(previous("/login"));
        Response signIn = onPrevious.post(previous("/login"), "email", email, "password", Accounts.PASSWORD);
        assertEquals(303, signIn.statusCode(), "sign-in on the previous release:\n" + logTail());
        Response page = onPrevious.get(previous(dashboard));
        assertEquals(200, page.statusCode(), "the dashboard on the previous release:\n" + logTail());
        assertTrue(Browser.html(page).text().contains(tenant.displayName), "the previous release shows the workspace");
        assertEquals(200, onPrevious.get(dashboard).statusCode(), "this release reads the previous one's session");

        // Signed in here, the same person's session works on the previous release too.
        Browser here = Accounts.signedInMember(tenant, Role.MEMBER);
        assertEquals(200, here.get(previous(dashboard)).statusCode(), "the previous release reads this one's session");
    }

    @Test
    void aStripeWebhookEitherReleaseTakesIsAppliedOnceAndShownByBoth() throws Exception {
        Tenant tenant = TestTenants.create("rolling-webhook");
        String customer = TestCustomers.customerFor(tenant, Plan.TEAM);
        String toPrevious = invoicePaid(customer, StripeFixtures.unique("in_prev"));
        String toThis = invoicePaid(customer, StripeFixtures.unique("in_this"));

        // The previous release takes the first; the retry of it reaching this release changes nothing.
        Response first = postToPrevious(toPrevious);
        assertEquals(200, first.statusCode(), "the previous release takes a signed webhook:\n" + logTail());
        assertEquals("DONE", eventStatus(toPrevious), "the previous release applied it:\n" + logTail());
        StripeWebhookSender.post(toPrevious).then().statusCode(200);
        assertEquals(0, recorder.of(InvoicePaid.class, tenant.id).size(), "applied once, by the previous release");

        // This release takes the second; the retry reaching the previous release changes nothing either.
        StripeWebhookSender.post(toThis).then().statusCode(200);
        assertEquals(200, postToPrevious(toThis).statusCode());
        assertEquals(1, recorder.of(InvoicePaid.class, tenant.id).size());

        // Both releases show both invoices, once each.
        Browser billing = Accounts.signedInMember(tenant, Role.BILLING);
        for (String base : List.of("", previousUrl)) {
            Document invoices = Browser.html(billing.get(base + "/t/" + tenant.slug + "/billing/invoices"));
            List<String> rows = invoices.select("tbody tr").eachText();
            assertEquals(2, rows.size(), (base.isEmpty() ? "this release: " : "previous release: ") + rows);
            assertTrue(rows.stream().allMatch(r -> r.contains("$99") && r.contains("Paid")), rows.toString());
        }
    }

    private static String invoicePaid(String customer, String invoice) {
        return StripeFixtures.event(StripeFixtures.unique("evt"), "invoice.paid", Instant.now(),
                StripeFixtures.invoice(invoice, customer, StripeFixtures.unique("sub"), "paid", 9900, 900, "usd",
                        StripeFixtures.unique("pi")));
    }

    /** Signed like Stripe signs, sent to the previous release's endpoint. */
    private static Response postToPrevious(String payload) {
        return given().contentType("application/json; charset=utf-8")
                .header("Stripe-Signature", StripeWebhookSender.signature(payload, Instant.now(), StripeWebhookSender.TEST_SECRET))
                .body(payload).post(previous("/webhooks/stripe"));
    }

    private String eventStatus(String payload) throws Exception {
        String eventId = new ObjectMapper().readTree(payload).path("id").asText();
        try (var connection = dataSource.getConnection();
                var query = connection.prepareStatement("select status from stripe_event where event_id = ?")) {
            query.setString(1, eventId);
            try (var rs = query.executeQuery()) {
                return rs.next() ? rs.getString("status") : "(not stored)";
            }
        }
    }
}
