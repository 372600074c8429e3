package pro.dailydoco.account;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;
import pro.dailydoco.support.TestTenants;
import pro.dailydoco.tenant.ScopedWork;
import pro.dailydoco.tenant.Tenant;

@QuarkusTest
class OperatorAndAuditTest {

    @Inject
    ScopedWork scopedWork;

    @Inject
    EntityManager entityManager;

    private Browser operator() {
        Tenant home = TestTenants.create("ops");
        String email = Accounts.createMember(home, Role.OWNER);
        // The operator is configured by email (environment), not by a tenant role.
        scopedWork.run(null, null, () -> {
            // Another test class may have left the operator email on its own user: retire that one first.
            User.update("email = ?1 where email = 'operator@platform.test'", "retired-" + UUID.randomUUID() + "@x.test");
            User.update("email = 'operator@platform.test' where email = ?1", email);
        });
        Browser browser = new Browser();
        assertEquals(303, Accounts.signIn(browser, "operator@platform.test", Accounts.PASSWORD).statusCode());
        return browser;
    }

    @SuppressWarnings("unchecked")
    private List<String> platformActions(UUID subject) {
        return scopedWork.call(null, null, () -> entityManager
                .createNativeQuery("select action from platform_audit_entry where subject_tenant_id = ?1 order by seq")
                .setParameter(1, subject).getResultList());
    }

    @Test
    void operatorSuspendsAndReactivatesATenantAndEveryActionIsAudited() {
        Browser operator = operator();
        Tenant tenant = TestTenants.create("victim");
        Browser member = Accounts.signedInMember(tenant, Role.MEMBER);
        operator.get("/operator/tenants").then().statusCode(200).body(containsString("Tenants"));
        operator.post("/operator/tenants/" + tenant.id + "/suspend").then().statusCode(303);
        member.get("/t/" + tenant.slug + "/").then().statusCode(403).body(containsString("suspended"));
        operator.post("/operator/tenants/" + tenant.id + "/reactivate").then().statusCode(303);
        member.get("/t/" + tenant.slug + "/").then().statusCode(200);
        List<String> actions = platformActions(tenant.id);
        assertTrue(actions.containsAll(List.of("tenant.suspended", "tenant.reactivated")), actions.toString());
    }

    @Test
    void operatorPagesAreInvisibleToEveryoneElse() {
        Tenant tenant = TestTenants.create("notops");
        Browser owner = Accounts.signedInMember(tenant, Role.OWNER);
        owner.get("/operator/tenants").then().statusCode(404);
        owner.post("/operator/tenants/" + tenant.id + "/suspend").then().statusCode(404);
        new Browser().get("/operator/tenants").then().statusCode(303);
    }

    @Test
    void securityEventsAreRecordedEvenWhenTheActionFails() {
        String email = Accounts.uniqueEmail("audited");
        Accounts.signUp(new Browser(), email, "Audited Co");
        UUID userId = Accounts.user(email).id;
        Accounts.signIn(new Browser(), email, "definitely wrong");
        Accounts.signIn(new Browser(), email, Accounts.PASSWORD);
        @SuppressWarnings("unchecked")
        List<String> actions = scopedWork.call(null, null, () -> entityManager
                .createNativeQuery("select action || ':' || outcome from platform_audit_entry where actor_user_id = ?1 order by seq")
                .setParameter(1, userId).getResultList());
        assertTrue(actions.containsAll(List.of("account.signed-up:SUCCESS", "login.failed:FAILURE", "login.succeeded:SUCCESS")),
                actions.toString());
    }

    @Test
    void deniedAccessIsAuditedInTheTenantThatWasAsked() {
        Tenant target = TestTenants.create("asked");
        Tenant mine = TestTenants.create("asker");
        Browser outsider = Accounts.signedInMember(mine, Role.OWNER);
        outsider.get("/t/" + target.slug + "/members").then().statusCode(404);
        @SuppressWarnings("unchecked")
        List<String> actions = scopedWork.call(target.id, null, () -> entityManager
                .createNativeQuery("select action || ':' || outcome from audit_entry where tenant_id = ?1")
                .setParameter(1, target.id).getResultList());
        assertTrue(actions.contains("access.denied:DENIED"), actions.toString());
    }
}
