package pro.dailydoco.tenant;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The app with a streaming replica configured, as a cluster runs it: the suite's one profile besides the default
 * (one more boot), because the replica URL is read at start. A small lag bound and a fast heartbeat keep the test short.
 */
public class ReplicaProfile implements QuarkusTestProfile {

    static final long MAX_LAG_MILLIS = 4_000;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("dailydoco.replica.max-lag", MAX_LAG_MILLIS + "ms", "dailydoco.replica.heartbeat-every", "0.2s",
                "dailydoco.replica.retry-after", "1s");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(ReplicaResource.class));
    }
}
