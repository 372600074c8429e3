package pro.dailydoco.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import pro.dailydoco.account.Role;
import pro.dailydoco.billing.metering.PaidWorkspaces;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;

/**
 * The plan's monthly API calls when they are used up: Free always stops; a paid workspace stops, or — when its owner
 * chose overage on the billing page — goes on and every call past the allowance is billed exactly once.
 */
@QuarkusTest
class ApiOverageTest {

    @Inject
    ApiQuota quota;

    /** As if the workspace had already made {@code calls} calls this month. */
    private static void used(ApiWorkspace w, long calls) {
        LocalDate month = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1);
        ApiWorkspace.scopedWork().run(w.tenant.id, null, () -> ApiKey.getEntityManager()
                .createNativeQuery("insert into api_usage_month (tenant_id, month, calls) values (?1, ?2, ?3)")
                .setParameter(1, w.tenant.id).setParameter(2, month).setParameter(3, calls).executeUpdate());
    }

    private static int choose(Browser who, ApiWorkspace w, String choice) {
        who.get("/t/" + w.tenant.slug + "/billing");
        return who.post("/t/" + w.tenant.slug + "/billing/overage", "choice", choice).statusCode();
    }

    /** {@code count} calls, 8 at a time, taking turns among the keys (each key's rate limit is 30 a minute in tests). */
    private static List<Integer> calls(List<String> keys, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String key = keys.get(i % keys.size());
                answers.add(pool.submit(() -> ApiWorkspace.api(key).get("/api/v1/projects").statusCode()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void onOverageAPaidWorkspaceGoesPastItsAllowanceAndEachCallPastItIsBilledOnce() throws Exception {
        // No operator override: the plan comes from the Pro subscription alone.
        ApiWorkspace w = ApiWorkspace.create("api-overage", "FREE");
        PaidWorkspaces.subscribeToPro(w.tenant);
        List<String> keys = List.of(w.createKey("Busy", "read"), w.createKey("Busier", "read"));
        assertEquals(303, choose(w.owner, w, "overage"));
        used(w, 49_990);

        List<Integer> statuses = calls(keys, 35);

        assertEquals(35, statuses.stream().filter(s -> s == 200).count(), "every call passes: " + statuses);
        assertEquals(50_025L, (long) w.inScope(() -> quota.callsThisMonth(w.tenant.id)));
        assertEquals(25, PaidWorkspaces.units(w.tenant.id, "api_calls"), "10 calls within 50,000, 25 past it");
        List<String> audit = w.audit("billing.overage.changed");
        assertEquals(1, audit.size());
        assertTrue(audit.get(0).contains("overage"), audit.get(0));
    }

    @Test
    void onStopAPaidWorkspaceIsRefusedAtItsAllowanceAndNothingIsBilled() throws Exception {
        ApiWorkspace w = ApiWorkspace.create("api-overage-stop", "FREE");
        PaidWorkspaces.subscribeToPro(w.tenant);
        String key = w.createKey("Busy", "read");
        assertEquals(303, choose(w.owner, w, "overage"));
        assertEquals(303, choose(w.owner, w, "stop"));
        used(w, 49_998);

        List<Integer> statuses = calls(List.of(key), 5);

        assertEquals(2, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(3, statuses.stream().filter(s -> s == 429).count(), statuses.toString());
        assertEquals(50_000L, (long) w.inScope(() -> quota.callsThisMonth(w.tenant.id)));
        assertEquals(0, PaidWorkspaces.batches(w.tenant.id).size());
    }

    @Test
    void freeAlwaysStopsAtItsLimitAndCannotChooseOverage() throws Exception {
        ApiWorkspace w = ApiWorkspace.create("api-overage-free", "FREE");
        String key = w.createKey("Busy", "read");
        assertEquals(409, choose(w.owner, w, "overage"));
        String page = Browser.html(w.owner.get("/t/" + w.tenant.slug + "/billing")).select("#overage").text();
        assertTrue(page.contains("The Free plan always stops at its limits"), page);
        used(w, 999);

        List<Integer> statuses = calls(List.of(key), 3);

        assertEquals(List.of(1L, 2L), List.of(statuses.stream().filter(s -> s == 200).count(),
                statuses.stream().filter(s -> s == 429).count()));
        assertEquals(1_000L, (long) w.inScope(() -> quota.callsThisMonth(w.tenant.id)));
        assertEquals(0, PaidWorkspaces.batches(w.tenant.id).size());
    }

    @Test
    void aPlanSetByTheOperatorWithoutASubscriptionCannotBillOverage() {
        ApiWorkspace w = ApiWorkspace.create("api-overage-override", "TEAM");
        assertEquals(409, choose(w.owner, w, "overage"));
    }

    @Test
    void onlyOwnersAndAdminsChangeTheChoice() {
        ApiWorkspace w = ApiWorkspace.create("api-overage-roles", "FREE");
        PaidWorkspaces.subscribeToPro(w.tenant);
        assertEquals(403, choose(Accounts.signedInMember(w.tenant, Role.BILLING), w, "overage"));
        assertEquals(303, choose(Accounts.signedInMember(w.tenant, Role.ADMIN), w, "overage"));
        assertEquals(400, choose(w.owner, w, "sometimes"));
        assertEquals(1, w.audit("billing.overage.changed").size(), "only the admin's change");
    }
}
