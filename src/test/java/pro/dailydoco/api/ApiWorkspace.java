package pro.dailydoco.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.quarkus.arc.Arc;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import pro.dailydoco.account.Role;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;
import pro.dailydoco.support.TestTenants;
import pro.dailydoco.tenant.ScopedWork;
import pro.dailydoco.tenant.Tenant;

/** A workspace on a plan, with an owner signed in who makes keys on the API keys page as a person would. */
final class ApiWorkspace {

    final Tenant tenant;
    final Browser owner;

    private ApiWorkspace(Tenant tenant, Browser owner) {
        this.tenant = tenant;
        this.owner = owner;
    }

    static ApiWorkspace create(String prefix, String plan) {
        Tenant tenant = TestTenants.withPlan(prefix, plan);
        return new ApiWorkspace(tenant, Accounts.signedInMember(tenant, Role.OWNER));
    }

    String page() {
        return "/t/" + tenant.slug + "/settings/api-keys";
    }

    /** Fills in and sends the create form; returns the key the answering page shows once. */
    String createKey(String name, String... scopes) {
        owner.get(page());
        List<String> fields = new ArrayList<>(List.of("name", name));
        for (String scope : scopes) {
            fields.add("scope");
            fields.add(scope);
        }
        Response response = owner.post(page(), fields.toArray(String[]::new));
        assertEquals(200, response.statusCode(), response.asString());
        String key = Browser.html(response).select("#api-new-key code.secret").text();
        assertTrue(key.startsWith("ddk_live_"), response.asString());
        return key;
    }

    static RequestSpecification api(String key) {
        return RestAssured.given().header("Authorization", "Bearer " + key).contentType("application/json");
    }

    static String projectJson(String name) {
        return "{\"name\":\"" + name + "\",\"repositoryUrl\":\"https://github.com/acme/" + UUID.randomUUID() + "\"}";
    }

    static ScopedWork scopedWork() {
        return Arc.container().instance(ScopedWork.class).get();
    }

    <T> T inScope(java.util.concurrent.Callable<T> work) {
        return scopedWork().call(tenant.id, null, () -> {
            try {
                return work.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @SuppressWarnings("unchecked")
    List<String> audit(String action) {
        return inScope(() -> pro.dailydoco.account.User.getEntityManager()
                .createNativeQuery("select outcome || ' ' || details from audit_entry where tenant_id = ?1 and action = ?2 order by seq")
                .setParameter(1, tenant.id).setParameter(2, action).getResultList());
    }

}
