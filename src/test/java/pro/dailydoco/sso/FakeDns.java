package pro.dailydoco.sso;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/** The DNS of the tests: TXT records are what a test publishes here (replaces the JNDI look-up, a default bean). */
@ApplicationScoped
public class FakeDns implements DnsTxtLookup {

    private static final Map<String, List<String>> RECORDS = new ConcurrentHashMap<>();

    static void publish(String name, String... values) {
        RECORDS.put(name, List.of(values));
    }

    @Override
    public List<String> txt(String name) {
        return RECORDS.getOrDefault(name, List.of());
    }
}
