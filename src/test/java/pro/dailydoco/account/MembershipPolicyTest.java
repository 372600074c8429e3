package pro.dailydoco.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.TestTenants;
import pro.dailydoco.tenant.ScopedWork;
import pro.dailydoco.tenant.Tenant;

/**
 * Memberships are read both ways (a workspace's team, a person's workspaces) but created only inside the workspace
 * they grant: a person acting as themselves can't write themselves into someone else's workspace.
 */
@QuarkusTest
class MembershipPolicyTest {

    @Inject
    ScopedWork scopedWork;

    @Inject
    EntityManager entityManager;

    @Test
    void aPersonCannotInsertTheirOwnMembershipOfAnotherWorkspace() {
        Tenant mine = TestTenants.create("mine");
        Tenant theirs = TestTenants.create("theirs");
        UUID me = Accounts.user(Accounts.createMember(mine, Role.MEMBER)).id;
        for (UUID actingTenant : new UUID[] { null, mine.id }) {
            RuntimeException refused = assertThrows(RuntimeException.class,
                    () -> scopedWork.run(actingTenant, me, () -> insertMembership(theirs.id, me)),
                    "acting as " + actingTenant + " and myself, I joined another workspace");
            assertEquals("42501", sqlState(refused), refused.toString());
        }
        assertEquals(0L, scopedWork.call(theirs.id, null, () -> Membership.count("userId", me)));
    }

    @Test
    void aPersonStillReadsTheirWorkspacesAndTheWorkspaceItsTeam() {
        Tenant team = TestTenants.create("team");
        UUID me = Accounts.user(Accounts.createMember(team, Role.MEMBER)).id;
        assertEquals(1L, scopedWork.call(null, me, () -> Membership.count("userId", me)));
        assertTrue(scopedWork.call(team.id, null, () -> Membership.count("tenantId", team.id)) >= 1);
    }

    private void insertMembership(UUID tenantId, UUID userId) {
        entityManager.createNativeQuery(
                "insert into membership (id, tenant_id, user_id, role, created_at) values (?1, ?2, ?3, 'OWNER', ?4)")
                .setParameter(1, UUID.randomUUID()).setParameter(2, tenantId).setParameter(3, userId)
                .setParameter(4, Instant.now()).executeUpdate();
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}
