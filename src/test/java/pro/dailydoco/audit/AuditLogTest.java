package pro.dailydoco.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import pro.dailydoco.support.TestTenants;
import pro.dailydoco.tenant.ScopedWork;
import pro.dailydoco.tenant.Tenant;

@QuarkusTest
class AuditLogTest {

    @Inject
    AuditLog auditLog;

    @Inject
    AuditVerifier verifier;

    @Inject
    ScopedWork scopedWork;

    @Inject
    EntityManager entityManager;

    @Test
    void tenantChainLinksEveryEntryAndVerifies() {
        Tenant tenant = TestTenants.create("audit");
        UUID actor = UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            int n = i;
            scopedWork.run(tenant.id, actor, () -> auditLog.record(tenant.id,
                    AuditEvent.user(actor, "project.created").target("project", "p" + n).detail("n", n).build()));
        }
        AuditVerifier.Verification verification = scopedWork.asTenant(tenant.id, () -> verifier.verifyTenant(tenant.id));
        assertEquals(3, verification.entries());
        assertTrue(verification.intact());
    }

    @Test
    void editingAStoredEntryIsDetected() {
        Tenant tenant = TestTenants.create("tamper");
        for (int i = 0; i < 3; i++) {
            int n = i;
            scopedWork.run(tenant.id, null, () -> auditLog.record(tenant.id,
                    AuditEvent.system("member.role-changed").target("membership", "m" + n).build()));
        }
        // The app role cannot update audit rows at all; only an attacker with the owner's rights could.
        assertThrows(RuntimeException.class, () -> scopedWork.run(tenant.id, null, () -> entityManager
                .createNativeQuery("update audit_entry set target_id = 'forged' where tenant_id = ?1 and seq = 2")
                .setParameter(1, tenant.id).executeUpdate()));
        scopedWork.run(tenant.id, null, () -> entityManager
                .createNativeQuery("insert into audit_entry (tenant_id, seq, occurred_at, actor_kind, action, outcome, details, prev_hash, hash) "
                        + "values (?1, 4, now(), 'SYSTEM', 'forged', 'SUCCESS', '{}', 'wrong', 'wrong')")
                .setParameter(1, tenant.id).executeUpdate());
        AuditVerifier.Verification verification = scopedWork.asTenant(tenant.id, () -> verifier.verifyTenant(tenant.id));
        assertEquals(4L, verification.brokenAtSeq());
    }

    @Test
    void securityEventIsKeptWhenTheActionRollsBack() {
        Tenant tenant = TestTenants.create("secevent");
        assertThrows(IllegalStateException.class, () -> scopedWork.run(tenant.id, null, () -> {
            auditLog.recordSecurityEvent(AuditEvent.anonymous("access.denied").denied().build());
            throw new IllegalStateException("the action fails");
        }));
        AuditVerifier.Verification verification = scopedWork.asTenant(tenant.id, () -> verifier.verifyTenant(tenant.id));
        assertEquals(1, verification.entries());
    }

    @Test
    void platformChainVerifies() {
        auditLog.recordPlatform(AuditEvent.operator(UUID.randomUUID(), "tenant.suspended").subjectTenant(UUID.randomUUID()).build());
        assertTrue(verifier.verifyPlatform().intact());
    }

    @Test
    void tenantEntriesAreWrittenOnlyInThatTenantsContext() {
        Tenant a = TestTenants.create("ctx-a");
        Tenant b = TestTenants.create("ctx-b");
        assertThrows(IllegalStateException.class,
                () -> scopedWork.run(a.id, null, () -> auditLog.record(b.id, AuditEvent.system("x").build())));
    }
}
