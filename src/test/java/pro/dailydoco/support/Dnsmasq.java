package pro.dailydoco.support;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real DNS server for tests: Debian's dnsmasq ({@code apt-get install dnsmasq-base}) serving only the TXT records a
 * test names, on 127.0.0.1 and a free port. As a test resource it reserves that port and points
 * {@code dailydoco.domains.dns-server} at it; the test starts and stops the server with the records it needs.
 */
public final class Dnsmasq implements AutoCloseable, QuarkusTestResourceLifecycleManager {

    private static Boolean available;

    private Process process;
    private Path log;

    public Dnsmasq() {
    }

    @Override
    public Map<String, String> start() {
        return Map.of("dailydoco.domains.dns-server", "127.0.0.1:" + freePort(),
                "dailydoco.domains.dns-timeout-millis", "1000");
    }

    /**
     * A port free for both UDP and TCP (dnsmasq binds both) and below the kernel's ephemeral range: the servers start
     * long after this reservation, and a port the kernel hands out to outgoing connections (JDBC, HTTP clients) in the
     * meantime would make dnsmasq's TCP bind fail with "Address already in use".
     */
    private static int freePort() {
        java.util.Random random = new java.util.Random();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = 20_000 + random.nextInt(12_000);
            try (DatagramSocket udp = new DatagramSocket(port, InetAddress.getByName("127.0.0.1"));
                    java.net.ServerSocket tcp = new java.net.ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("No free port for dnsmasq between 20000 and 32000");
    }

    @Override
    public void stop() {
    }

    public static void assumeAvailable() {
        if (available == null) {
            try {
                Process version = new ProcessBuilder("dnsmasq", "--version").redirectErrorStream(true).start();
                version.getInputStream().readAllBytes();
                available = version.waitFor(10, TimeUnit.SECONDS) && version.exitValue() == 0;
            } catch (IOException | InterruptedException e) {
                available = false;
            }
        }
        Assumptions.assumeTrue(available, "dnsmasq is not installed: custom-domain verification tests are skipped "
                + "(apt-get install dnsmasq-base)");
    }

    /**
     * Serves {@code name → value} TXT records (pairs) until closed, on the port the application was configured with
     * (read from its configuration: the resource may have been started in another class loader).
     */
    public static Dnsmasq serving(String... namesAndValues) throws IOException, InterruptedException {
        assumeAvailable();
        String address = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getOptionalValue("dailydoco.domains.dns-server", String.class)
                .orElseThrow(() -> new IllegalStateException("Annotate the test with @QuarkusTestResource(Dnsmasq.class)"));
        int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
        Dnsmasq server = new Dnsmasq();
        server.log = Files.createTempFile("dnsmasq", ".log");
        List<String> command = new ArrayList<>(List.of("dnsmasq", "--no-daemon", "--port=" + port,
                "--listen-address=127.0.0.1", "--bind-interfaces", "--no-resolv", "--no-hosts", "--pid-file=",
                "--conf-file=/dev/null"));
        for (int i = 0; i < namesAndValues.length; i += 2) {
            // No shell in between: quotes would become part of the value.
            command.add("--txt-record=" + namesAndValues[i] + "," + namesAndValues[i + 1]);
        }
        server.process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(server.log.toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.readString(server.log).contains("started")) {
            if (!server.process.isAlive() || System.nanoTime() > deadline) {
                String output = Files.readString(server.log);
                server.close();
                throw new IllegalStateException("dnsmasq did not start: " + output);
            }
            Thread.sleep(50);
        }
        return server;
    }

    @Override
    public void close() throws IOException {
        if (process != null) {
            process.destroy();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (log != null) {
            Files.deleteIfExists(log);
        }
    }
}
