package pro.dailydoco.core.web;

import java.sql.SQLException;
import java.util.Set;

/**
 * Recognises a request that failed because PostgreSQL could not be reached or went away mid-request (a restart, a
 * fail-over, a connection the server closed), as opposed to a fault in our code. Such a request changed nothing (its
 * transaction never committed), and asking again in a few seconds will work, so it is a 503 with Retry-After, not a
 * 500 (docs/decisions/0166-a-database-outage-is-a-503.md).
 */
final class DatabaseOutage {

    /**
     * SQLSTATE class 08 (connection exception) and the server's own shutdown codes: admin shutdown, crash shutdown,
     * cannot connect now (starting up or in recovery), too many connections.
     */
    private static final Set<String> SHUTDOWN_STATES = Set.of("57P01", "57P02", "57P03", "53300");

    private DatabaseOutage() {
    }

    static boolean isCauseOf(Throwable e) {
        return isCauseOf(e, 0);
    }

    /**
     * Walks causes and suppressed exceptions: a commit that fails because the connection died reports the
     * server's message as suppressed by the transaction manager's RollbackException, not as its cause.
     */
    private static boolean isCauseOf(Throwable e, int depth) {
        for (Throwable t = e; t != null && depth < 16; t = t.getCause() == t ? null : t.getCause(), depth++) {
            for (Throwable suppressed : t.getSuppressed()) {
                if (isCauseOf(suppressed, depth + 1)) {
                    return true;
                }
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || SHUTDOWN_STATES.contains(state))) {
                    return true;
                }
                // The pool's own "no connection in time" carries no SQLSTATE: every connection is busy or the
                // server does not answer; either way nothing ran.
                if (state == null && sql.getMessage() != null && sql.getMessage().contains("acquisition timeout")) {
                    return true;
                }
            }
        }
        return false;
    }
}
