package pro.dailydoco.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import pro.dailydoco.api.ApiLimits.Decision;

/**
 * Rate limits per key and per workspace, shared through PostgreSQL by every instance, and the plan's monthly API calls
 * counted exactly. The second instance is a second Bucket4j limiter built in this JVM on the same test database (a
 * second Quarkus application would share nothing more: the buckets' only state is their rows).
 */
@QuarkusTest
class ApiLimitsTest {

    private static final int PER_KEY = 30;
    private static final int PER_WORKSPACE = 45;

    @Inject
    DataSource dataSource;

    @Inject
    ApiQuota quota;

    @Test
    void theKeysLimitIsSharedWithASecondInstanceAndAnswers429WithRetryAfter() {
        ApiWorkspace w = ApiWorkspace.create("api-rate", "PRO");
        String key = w.createKey("Busy", "read");
        UUID keyId = w.inScope(() -> ApiKey.<ApiKey>listAll().get(0).id);
        ApiLimits secondInstance = new ApiLimits(dataSource, PER_KEY, PER_WORKSPACE);

        long started = System.nanoTime();
        Response first = ApiWorkspace.api(key).get("/api/v1/projects");
        assertEquals(200, first.statusCode());
        assertEquals(String.valueOf(PER_KEY), first.getHeader("RateLimit-Limit"));
        assertEquals(String.valueOf(PER_KEY - 1), first.getHeader("RateLimit-Remaining"));
        assertTrue(Integer.parseInt(first.getHeader("RateLimit-Reset")) >= 1);
        // The other instance serves this key's next 20 requests...
        for (int i = 0; i < 20; i++) {
            assertTrue(secondInstance.draw(keyId, w.tenant.id).allowed());
        }
        // ...so this instance has 9 left, not 29.
        int allowed = 0;
        Response refused = null;
        for (int i = 0; i < 15 && refused == null; i++) {
            Response r = ApiWorkspace.api(key).get("/api/v1/projects");
            if (r.statusCode() == 429) {
                refused = r;
            } else {
                assertEquals(200, r.statusCode());
                allowed++;
            }
        }
        // Buckets refill evenly (30 a minute: one every 2 s), so what the test's own duration refilled is allowed too.
        assertBetween(PER_KEY - 1 - 20, PER_KEY - 1 - 20 + refilled(started, PER_KEY), allowed,
                "every instance draws from the same bucket: 9 left here, not 29");
        ApiKeysTest.problem(refused, 429, "rate-limited");
        assertTrue(Integer.parseInt(refused.getHeader("Retry-After")) >= 1, refused.getHeader("Retry-After"));
        assertEquals("0", refused.getHeader("RateLimit-Remaining"));
    }

    @Test
    void theWorkspacesLimitCapsAllItsKeysTogether() {
        ApiWorkspace w = ApiWorkspace.create("api-rate-ws", "PRO");
        String one = w.createKey("One", "read");
        String two = w.createKey("Two", "read");
        ApiLimits secondInstance = new ApiLimits(dataSource, PER_KEY, PER_WORKSPACE);
        long started = System.nanoTime();
        for (int i = 0; i < 25; i++) {
            assertTrue(secondInstance.draw(UUID.randomUUID(), w.tenant.id).allowed(), "other keys of the workspace");
        }
        int allowed = 0;
        for (int i = 0; i < 25; i++) {
            int status = ApiWorkspace.api(i % 2 == 0 ? one : two).get("/api/v1/projects").statusCode();
            allowed += status == 200 ? 1 : 0;
            assertTrue(status == 200 || status == 429);
        }
        assertBetween(PER_WORKSPACE - 25, PER_WORKSPACE - 25 + refilled(started, PER_WORKSPACE), allowed,
                "45 a minute for the workspace, though each key is under its 30");
    }

    @Test
    void monthlyCallsAreCountedExactlyUnderConcurrencyAndStopAtThePlansAllowance() throws Exception {
        ApiWorkspace w = ApiWorkspace.create("api-quota", "FREE");
        String key = w.createKey("Counter", "read");
        // As if the workspace had already made 990 of its 1,000 calls this month.
        LocalDate month = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1);
        ApiWorkspace.scopedWork().run(w.tenant.id, null, () -> ApiKey.getEntityManager()
                .createNativeQuery("insert into api_usage_month (tenant_id, month, calls) values (?1, ?2, 990)")
                .setParameter(1, w.tenant.id).setParameter(2, month).executeUpdate());

        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 16; i++) {
                Callable<Integer> call = () -> ApiWorkspace.api(key).get("/api/v1/projects").statusCode();
                answers.add(pool.submit(call));
            }
            int ok = 0;
            int quotaRefusals = 0;
            for (Future<Integer> answer : answers) {
                int status = answer.get();
                ok += status == 200 ? 1 : 0;
                quotaRefusals += status == 429 ? 1 : 0;
            }
            assertEquals(10, ok, "exactly the 10 calls left");
            assertEquals(6, quotaRefusals);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1000L, (long) w.inScope(() -> quota.callsThisMonth(w.tenant.id)), "refused calls are not counted");
        Response refused = ApiWorkspace.api(key).get("/api/v1/projects");
        ApiKeysTest.problem(refused, 429, "monthly-quota-exceeded");
        assertTrue(refused.jsonPath().getString("detail").contains("1,000 API calls a month of the Free plan"));
        assertTrue(Long.parseLong(refused.getHeader("Retry-After")) > 0);
        String page = w.owner.get(w.page()).asString();
        assertTrue(page.contains("<strong>1,000</strong> of 1,000 on the Free plan"), "the keys page shows the month's usage");
        String billing = pro.dailydoco.support.Browser.html(w.owner.get("/t/" + w.tenant.slug + "/billing")).select(".usage li").text();
        assertTrue(billing.contains("API calls a month 1,000 of 1,000"), "and the billing page counts the same calls: " + billing);
    }

    @Test
    void enterpriseHasNoMonthlyAllowanceButStillCountsCalls() {
        ApiWorkspace w = ApiWorkspace.create("api-quota-ent", "ENTERPRISE");
        String key = w.createKey("Counter", "read");
        for (int i = 0; i < 3; i++) {
            assertEquals(200, ApiWorkspace.api(key).get("/api/v1/projects").statusCode());
        }
        assertEquals(3L, (long) w.inScope(() -> quota.callsThisMonth(w.tenant.id)));
    }

    /** Tokens a bucket of {@code perMinute} got back since {@code started}, rounded up. */
    private static int refilled(long started, int perMinute) {
        double seconds = (System.nanoTime() - started) / 1e9;
        return (int) Math.ceil(seconds * perMinute / 60.0);
    }

    private static void assertBetween(int low, int high, int actual, String message) {
        assertTrue(actual >= low && actual <= high, message + ": " + actual + " not in [" + low + ", " + high + "]");
    }

    @Test
    void aRefusedDrawReportsWhenToComeBack() {
        ApiLimits tiny = new ApiLimits(dataSource, 1, 10);
        UUID keyId = UUID.randomUUID();
        UUID tenantId = UUID.randomUUID();
        assertTrue(tiny.draw(keyId, tenantId).allowed());
        Decision refused = tiny.draw(keyId, tenantId);
        assertFalse(refused.allowed());
        assertEquals(1, refused.limit());
        assertTrue(refused.retryAfterSeconds() >= 1 && refused.retryAfterSeconds() <= 60, "" + refused.retryAfterSeconds());
    }
}
