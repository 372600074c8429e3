package pro.dailydoco.tenant;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import pro.dailydoco.core.database.TestReplica;
import pro.dailydoco.support.PostgresResource;

/** Starts a streaming replica of the tests' PostgreSQL and points the app's replica datasource at it. */
public class ReplicaResource implements QuarkusTestResourceLifecycleManager {

    static TestReplica replica;

    @Override
    public synchronized Map<String, String> start() {
        Map<String, String> primary = new PostgresResource().start();
        if (PostgresResource.server() == null) {
            return Map.of(); // tests on an external server: no replica to make (the test is skipped)
        }
        try {
            replica = TestReplica.start(PostgresResource.server());
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the test replica", e);
        }
        return Map.of("quarkus.datasource.\"replica\".jdbc.url", replica.jdbcUrl(),
                "quarkus.datasource.\"replica\".username", primary.get("quarkus.datasource.username"),
                "quarkus.datasource.\"replica\".password", primary.get("quarkus.datasource.password"));
    }

    @Override
    public synchronized void stop() {
        if (replica != null) {
            try {
                replica.close();
            } catch (Exception e) {
                // the JVM is ending; the temporary directory goes with the machine's clean-up
            }
            replica = null;
        }
    }
}
