package pro.dailydoco.core.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import pro.dailydoco.account.Role;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;
import pro.dailydoco.support.TestTenants;

/**
 * When PostgreSQL restarts or fails over, every pooled connection dies with it. A request that meets a dead
 * connection changed nothing and will work again in seconds: it gets a 503 with Retry-After, never a 500 and a
 * stack trace (found by deploy/faults.sh restarting the primary under load).
 */
@QuarkusTest
class DatabaseOutageTest {

    @Test
    void connectionLossAndServerShutdownAreOutagesThroughWrappers() {
        assertTrue(DatabaseOutage.isCauseOf(new IllegalStateException("Could not set the row-level security context",
                new SQLException("An I/O error occurred while sending to the backend.", "08006"))));
        assertTrue(DatabaseOutage.isCauseOf(new RuntimeException(
                new SQLException("terminating connection due to administrator command", "57P01"))));
        assertTrue(DatabaseOutage.isCauseOf(new SQLException("the database system is starting up", "57P03")));
        assertTrue(DatabaseOutage.isCauseOf(new SQLException("Sorry, acquisition timeout!")));
        // A commit on a connection the server closed: the transaction manager keeps the reason as suppressed.
        var rollback = new IllegalStateException("ARJUNA016053: Could not commit transaction.");
        rollback.addSuppressed(new SQLException("FATAL: terminating connection due to administrator command", "57P01"));
        assertTrue(DatabaseOutage.isCauseOf(new RuntimeException("Error invoking subclass method", rollback)));
        assertFalse(DatabaseOutage.isCauseOf(new RuntimeException(new SQLException("duplicate key", "23505"))));
        assertFalse(DatabaseOutage.isCauseOf(new SQLException("something else")));
        assertFalse(DatabaseOutage.isCauseOf(new IllegalStateException("no SQL at all")));
    }

    @Test
    void requestsThatMeetConnectionsTheServerClosedAnswer503AndThePoolRecovers() throws Exception {
        var tenant = TestTenants.create("outage");
        Browser owner = Accounts.signedInMember(tenant, Role.OWNER);
        String home = "/t/" + tenant.slug + "/";
        assertEquals(200, owner.get(home).statusCode());

        // What a restart of the server does to the pool: every other connection of ours is closed by the server.
        // From a connection outside the pool, so that every pooled one, idle or not, is closed.
        var config = ConfigProvider.getConfig();
        try (Connection connection = DriverManager.getConnection(
                config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
                Statement statement = connection.createStatement()) {
            var closed = statement.executeQuery("select count(*) filter (where pg_terminate_backend(pid)) "
                    + "from pg_stat_activity where usename = session_user and pid <> pg_backend_pid()");
            closed.next();
            assertTrue(closed.getInt(1) > 0, "the server closed some of the pool's connections");
        }

        List<Integer> statuses = new ArrayList<>();
        Response outage = null;
        for (int i = 0; i < 40; i++) {
            Response answer = owner.get(home);
            statuses.add(answer.statusCode());
            if (answer.statusCode() == 503 && outage == null) {
                outage = answer;
            }
        }
        assertFalse(statuses.contains(500), "no 500 while the pool meets closed connections: " + statuses);
        assertTrue(statuses.stream().allMatch(s -> s == 200 || s == 503), "only 200 or 503: " + statuses);
        assertTrue(outage != null, "some request met a closed connection (else this test proves nothing): " + statuses);
        assertEquals("5", outage.getHeader("Retry-After"));
        assertTrue(outage.asString().contains("nothing was changed"), "the page says nothing was changed");
        assertFalse(outage.asString().contains("Exception"), "no stack trace");
        assertEquals(200, statuses.get(statuses.size() - 1), "the pool replaced the closed connections: " + statuses);
    }
}
