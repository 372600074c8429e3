package pro.dailydoco.support;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.quarkus.arc.Arc;

/** Lets a test hold a transaction open until another one is seen waiting for a lock in PostgreSQL. */
public final class LockWaits {

    private LockWaits() {
    }

    /** Waits (up to 10 s) until some session waits for a lock; the caller then lets go of its own. */
    public static void awaitLockWaiter() {
        awaitLockWaiters(1);
    }

    /** Waits (up to 10 s) until at least {@code count} lock requests wait in PostgreSQL. */
    public static void awaitLockWaiters(int count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Connection c = Arc.container().instance(DataSource.class).get().getConnection();
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select count(*) from pg_locks where not granted")) {
                rs.next();
                if (rs.getLong(1) >= count) {
                    return;
                }
                Thread.sleep(20);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
