package pro.dailydoco.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import pro.dailydoco.account.Role;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.TestTenants;
import pro.dailydoco.tenant.ScopedWork;
import pro.dailydoco.tenant.Tenant;

/**
 * A tenant's MRR, a person's sign-up screening and a person's payout destination are read only in their own scope,
 * or by a platform operator acting (docs/decisions/0130-scoped-reads-of-screenings-destinations-and-mrr.md).
 */
@QuarkusTest
class ScopedReadsTest {

    private static final String OPERATOR = "operator@platform.test";

    @Inject
    ScopedWork scopedWork;

    @Inject
    EntityManager entityManager;

    @Test
    void aTenantReadsOnlyItsOwnMrrAndOthersOnlyItsPlan() {
        Tenant a = TestTenants.create("mrr-read-a");
        Tenant b = TestTenants.create("mrr-read-b");
        for (Tenant t : List.of(a, b)) {
            scopedWork.run(t.id, null, () -> sql("""
                    insert into analytics_tenant_mrr (subject_tenant_id, plan, mrr_cents, updated_at)
                    values (?1, 'TEAM', 4900, ?2)""", t.id, Instant.now()));
        }
        assertEquals(List.of(a.id), scopedWork.call(a.id, null, () -> ids(
                "select subject_tenant_id from analytics_tenant_mrr where subject_tenant_id in (?1, ?2)", a.id, b.id)));
        assertEquals(List.of(), scopedWork.call(null, null, () -> ids(
                "select subject_tenant_id from analytics_tenant_mrr where subject_tenant_id in (?1, ?2)", a.id, b.id)));
        assertEquals(2, scopedWork.call(a.id, null, () -> ids(
                "select subject_tenant_id from analytics_tenant_plan where subject_tenant_id in (?1, ?2)", a.id, b.id))
                .size(), "which plan a workspace pays for stays readable (masked downlines)");
    }

    @Test
    void aPersonReadsOnlyTheirOwnScreeningAndPayoutDestination() {
        Tenant tenant = TestTenants.create("reads");
        UUID a = Accounts.user(Accounts.createMember(tenant, Role.MEMBER)).id;
        UUID b = Accounts.user(Accounts.createMember(tenant, Role.MEMBER)).id;
        UUID operator = operator();
        for (UUID person : List.of(a, b)) {
            scopedWork.run(null, person, () -> sql("""
                    insert into referral_screening (referred_user_id, sponsor_user_id, ip_hash, screened_at)
                    values (?1, ?2, 'hash-reads', ?3)""", person, operator, Instant.now()));
            scopedWork.run(null, operator, () -> sql("""
                    insert into payout_destination (earner_user_id, stripe_account_id, recorded_at, recorded_by)
                    values (?1, 'acct_READSTEST', ?2, ?3)""", person, Instant.now(), operator));
        }
        for (String table : List.of("referral_screening where referred_user_id", "payout_destination where earner_user_id")) {
            String select = "select " + table.substring(table.indexOf("where ") + 6) + " from " + table + " in (?1, ?2)";
            assertEquals(List.of(a), scopedWork.call(null, a, () -> ids(select, a, b)), table);
            assertEquals(List.of(b), scopedWork.call(null, b, () -> ids(select, a, b)), table);
            assertEquals(List.of(), scopedWork.call(null, null, () -> ids(select, a, b)), table);
            assertEquals(2, scopedWork.call(null, operator, () -> ids(select, a, b)).size(), "the operator's pages");
        }
        assertEquals(2L, scopedWork.call(null, a, () -> ((Number) entityManager.createNativeQuery(
                "select referral_screenings_from_address('hash-reads', ?1)").setParameter(1, Instant.EPOCH)
                .getSingleResult()).longValue()), "the sign-up guard still counts everyone's screenings from one address");
    }

    /** The test profile's operator, as a user that exists now (other tests move the email between accounts). */
    private UUID operator() {
        try {
            return Accounts.user(OPERATOR).id;
        } catch (RuntimeException none) {
            String email = Accounts.createMember(TestTenants.create("ops-reads"), Role.OWNER);
            scopedWork.run(null, null, () -> sql("update app_user set email = ?1 where email = ?2", OPERATOR, email));
            return Accounts.user(OPERATOR).id;
        }
    }

    @SuppressWarnings("unchecked")
    private List<UUID> ids(String select, Object... parameters) {
        var query = entityManager.createNativeQuery(select);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        return (List<UUID>) query.getResultList();
    }

    private void sql(String statement, Object... parameters) {
        var query = entityManager.createNativeQuery(statement);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        query.executeUpdate();
    }
}
