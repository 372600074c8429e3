package pro.dailydoco.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;

import io.quarkus.arc.Arc;
import pro.dailydoco.account.Role;
import pro.dailydoco.account.User;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;
import pro.dailydoco.support.TestTenants;
import pro.dailydoco.tenant.ScopedWork;

/** Signs in as the platform operator (configured by email in %test): the newest caller takes the operator email. */
public final class Operators {

    static final String EMAIL = "operator@platform.test";

    private Operators() {
    }

    public static Browser signedIn() {
        String email = Accounts.createMember(TestTenants.create("ops"), Role.OWNER);
        ScopedWork scopedWork = Arc.container().instance(ScopedWork.class).get();
        scopedWork.run(null, null, () -> {
            User.update("email = ?1 where email = ?2", "retired-" + UUID.randomUUID() + "@x.test", EMAIL);
            User.update("email = ?1 where email = ?2", EMAIL, email);
        });
        Browser browser = new Browser();
        assertEquals(303, Accounts.signIn(browser, EMAIL, Accounts.PASSWORD).statusCode());
        return browser;
    }
}
