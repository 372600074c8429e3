package pro.dailydoco.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.arc.Arc;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.response.Response;
import pro.dailydoco.account.Membership;
import pro.dailydoco.account.PasswordHasher;
import pro.dailydoco.account.Role;
import pro.dailydoco.account.User;
import pro.dailydoco.tenant.ScopedWork;
import pro.dailydoco.tenant.Tenant;

/** Builds people for tests through the real sign-up form. */
public final class Accounts {

    public static final String PASSWORD = "correct horse battery";

    private Accounts() {
    }

    public static String uniqueEmail(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
    }

    /** Signs up through the form; the browser ends signed in. Returns the new workspace's slug. */
    public static String signUp(Browser browser, String email, String workspaceName) {
        browser.get("/signup");
        Response response = browser.post("/signup", "email", email, "password", PASSWORD, "workspaceName", workspaceName);
        assertEquals(303, response.statusCode(), response.asString());
        String location = response.getHeader("Location");
        return location.replaceAll("^/t/([^/]+)/$", "$1");
    }

    public static Response signIn(Browser browser, String email, String password) {
        browser.get("/login");
        return browser.post("/login", "email", email, "password", password);
    }

    /** Creates a person with {@link #PASSWORD} who is a member of {@code tenant} with {@code role}; returns the email. */
    public static String createMember(Tenant tenant, Role role) {
        return createMember(tenant, role, uniqueEmail(role.name().toLowerCase()));
    }

    /** As {@link #createMember(Tenant, Role)}, with a chosen email (e.g. in a domain the tenant claims). */
    public static String createMember(Tenant tenant, Role role, String email) {
        String hash = Arc.container().instance(PasswordHasher.class).get().hash(PASSWORD);
        ScopedWork work = Arc.container().instance(ScopedWork.class).get();
        UUID userId = UUID.randomUUID();
        work.run(tenant.id, userId, () -> {
            User user = new User();
            user.id = userId;
            user.email = email;
            user.displayName = "Test " + role.label();
            user.passwordHash = hash;
            user.emailVerifiedAt = Instant.now();
            user.createdAt = Instant.now();
            user.updatedAt = user.createdAt;
            user.persist();
            Membership membership = new Membership();
            membership.id = UUID.randomUUID();
            membership.tenantId = tenant.id;
            membership.userId = userId;
            membership.role = role;
            membership.createdAt = Instant.now();
            membership.persist();
        });
        return email;
    }

    /** A signed-in browser for a new member of {@code tenant}. */
    public static Browser signedInMember(Tenant tenant, Role role) {
        Browser browser = new Browser();
        Response response = signIn(browser, createMember(tenant, role), PASSWORD);
        assertEquals(303, response.statusCode(), response.asString());
        return browser;
    }

    /** A signed-in browser for the platform operator (the test profile's operator email), a fresh account each call. */
    public static Browser signedInOperator() {
        String email = createMember(TestTenants.create("ops"), Role.OWNER);
        String operatorEmail = "operator@platform.test";
        QuarkusTransaction.requiringNew().run(() -> {
            User.update("email = ?1 where email = ?2", "retired-" + UUID.randomUUID() + "@x.test", operatorEmail);
            User.update("email = ?1 where email = ?2", operatorEmail, email);
        });
        Browser browser = new Browser();
        assertEquals(303, signIn(browser, operatorEmail, PASSWORD).statusCode());
        return browser;
    }

    public static User user(String email) {
        return QuarkusTransaction.requiringNew().call(() -> User.findByEmail(email).orElseThrow());
    }
}
