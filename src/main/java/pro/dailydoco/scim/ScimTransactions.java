package pro.dailydoco.scim;

import java.sql.SQLException;
import java.util.function.Supplier;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * One SCIM change is one transaction in the workspace's scope (set by {@link ScimAuthentication}). Two directory
 * requests racing to create the same user or group meet the database's unique constraints; the loser gets SCIM's 409
 * uniqueness, never a 500, and nothing of its change is kept.
 */
final class ScimTransactions {

    private ScimTransactions() {
    }

    static <T> T inTransaction(Supplier<T> work) {
        try {
            return QuarkusTransaction.requiringNew().call(work::get);
        } catch (ScimException e) {
            throw e;
        } catch (RuntimeException e) {
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof ScimException scim) {
                    throw scim;
                }
            }
            if (isUniqueViolation(e)) {
                throw ScimException.uniqueness("Another resource already has this value (it was created at the same"
                        + " time). Nothing was changed; read it and retry.");
            }
            throw e;
        }
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
