package pro.dailydoco.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The real OpenID Connect server of the SSO tests: Keycloak's server distribution (a test-scoped Maven dependency
 * that the build unpacks into target/keycloak), started once per run with two realms — two identity providers —
 * from src/test/resources/keycloak. It starts in the background so the rest of the suite does not wait for it;
 * SSO tests call {@link #awaitReady()}. With {@code -Dkeycloak.url=http://127.0.0.1:PORT} an already running
 * Keycloak with the same realms is used instead.
 */
public class KeycloakResource implements QuarkusTestResourceLifecycleManager {

    public static final List<String> REALMS = List.of("idp-a", "idp-b");
    private static final Duration START_DEADLINE = Duration.ofMinutes(4);

    private static volatile String baseUrl;
    private static Process process;

    @Override
    public synchronized Map<String, String> start() {
        if (baseUrl != null) {
            return Map.of();
        }
        String external = System.getProperty("keycloak.url");
        if (external != null && !external.isBlank()) {
            baseUrl = external.replaceAll("/+$", "");
            return Map.of();
        }
        try {
            Path home = Path.of(System.getProperty("keycloak.home", "target/keycloak/keycloak-26.0.7")).toAbsolutePath();
            if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
                throw new IllegalStateException("Keycloak is not unpacked at " + home + "; run the build through Maven");
            }
            deleteRecursively(home.resolve("data/h2")); // a fresh database: every run imports the realms anew
            Path imports = Files.createDirectories(home.resolve("data/import"));
            for (String realm : REALMS) {
                try (var in = KeycloakResource.class.getResourceAsStream("/keycloak/" + realm + "-realm.json")) {
                    Files.copy(in, imports.resolve(realm + "-realm.json"), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            int port = freePort();
            baseUrl = "http://127.0.0.1:" + port;
            ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev",
                    "--http-port=" + port, "--hostname=" + baseUrl, "--import-realm", "--health-enabled=false")
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(home.resolveSibling("keycloak-test.log").toFile());
            builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
            builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
            process = builder.start();
            return Map.of();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start Keycloak for the SSO tests", e);
        }
    }

    @Override
    public synchronized void stop() {
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            try {
                if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
            baseUrl = null;
        }
    }

    public static String issuer(String realm) {
        return baseUrl + "/realms/" + realm;
    }

    public static String baseUrl() {
        return baseUrl;
    }

    /** Waits (with a deadline) until every realm serves its discovery document. */
    public static void awaitReady() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(START_DEADLINE);
        for (String realm : REALMS) {
            URI discovery = URI.create(issuer(realm) + "/.well-known/openid-configuration");
            while (true) {
                try {
                    HttpResponse<Void> response = client.send(HttpRequest.newBuilder(discovery).timeout(Duration.ofSeconds(5)).build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() == 200) {
                        break;
                    }
                } catch (IOException e) {
                    // not listening yet
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("Keycloak did not serve " + discovery + " within " + START_DEADLINE);
                }
                if (process != null && !process.isAlive()) {
                    throw new IllegalStateException("Keycloak exited with " + process.exitValue() + "; see target/keycloak/keycloak-test.log");
                }
                java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (Files.exists(path)) {
            try (Stream<Path> walk = Files.walk(path)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
