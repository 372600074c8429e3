package pro.dailydoco.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.response.Response;
import pro.dailydoco.account.User;

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

    public static User user(String email) {
        return QuarkusTransaction.requiringNew().call(() -> User.findByEmail(email).orElseThrow());
    }
}
