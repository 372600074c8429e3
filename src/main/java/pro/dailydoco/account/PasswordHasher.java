package pro.dailydoco.account;

import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;

/** bcrypt, with a constant-cost comparison for unknown accounts so timing does not reveal which emails exist. */
@ApplicationScoped
public class PasswordHasher {

    private final int cost;
    private final String dummyHash;

    PasswordHasher(AccountConfig config) {
        this.cost = config.bcryptCost();
        this.dummyHash = BcryptUtil.bcryptHash("not-a-real-password", cost);
    }

    public String hash(String password) {
        return BcryptUtil.bcryptHash(password, cost);
    }

    public boolean matches(String password, String hash) {
        if (hash == null) {
            BcryptUtil.matches(password, dummyHash);
            return false;
        }
        return BcryptUtil.matches(password, hash);
    }
}
