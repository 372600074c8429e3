package pro.dailydoco.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.SQLException;
import java.time.Instant;
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
 * A unit of work writes only its own row of these tables: a tenant's MRR in that
 * tenant's scope, a screening as the referred person, a payout destination in the name of the operator acting.
 */
@QuarkusTest
class PlatformIndexWriteGuardsTest {

    @Inject
    ScopedWork scopedWork;

    @Inject
    EntityManager entityManager;

    @Test
    void aTenantsScopeCannotWriteAnotherTenantsMrr() {
        Tenant mine = TestTenants.create("mrr-mine");
        Tenant theirs = TestTenants.create("mrr-theirs");
        assertRefused(() -> scopedWork.run(mine.id, null, () -> sql(
                "insert into analytics_tenant_mrr (subject_tenant_id, plan, mrr_cents, updated_at) values (?1, 'TEAM', 1, ?2)",
                theirs.id, Instant.now())));
        scopedWork.run(theirs.id, null, () -> sql(
                "insert into analytics_tenant_mrr (subject_tenant_id, plan, mrr_cents, updated_at) values (?1, 'TEAM', 1, ?2)",
                theirs.id, Instant.now()));
        assertEquals(1L, scopedWork.call(theirs.id, null, () -> ((Number) entityManager.createNativeQuery(
                "select count(*) from analytics_tenant_mrr where subject_tenant_id = ?1").setParameter(1, theirs.id)
                .getSingleResult()).longValue()), "written in its own scope (reads: ScopedReadsTest)");
    }

    @Test
    void screeningsAndPayoutDestinationsAreWrittenOnlyInTheActorsName() {
        Tenant tenant = TestTenants.create("guards");
        UUID me = Accounts.user(Accounts.createMember(tenant, Role.MEMBER)).id;
        UUID someoneElse = Accounts.user(Accounts.createMember(tenant, Role.MEMBER)).id;
        assertRefused(() -> scopedWork.run(null, me, () -> sql("""
                insert into referral_screening (referred_user_id, sponsor_user_id, screened_at) values (?1, ?2, ?3)""",
                someoneElse, me, Instant.now())));
        assertRefused(() -> scopedWork.run(null, me, () -> sql("""
                insert into payout_destination (earner_user_id, stripe_account_id, recorded_at, recorded_by)
                values (?1, 'acct_ABCDEFGH', ?2, ?3)""", me, Instant.now(), someoneElse)));
    }

    private void sql(String statement, Object... parameters) {
        var query = entityManager.createNativeQuery(statement);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        query.executeUpdate();
    }

    private static void assertRefused(Runnable write) {
        RuntimeException refused = assertThrows(RuntimeException.class, write::run);
        String state = null;
        for (Throwable t = refused; t != null && state == null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                state = sql.getSQLState();
            }
        }
        assertEquals("42501", state, refused.toString());
    }
}
