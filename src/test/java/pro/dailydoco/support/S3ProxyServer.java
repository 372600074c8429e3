package pro.dailydoco.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 API server for the bucket tests: S3Proxy (Maven Central, {@code org.gaul:s3proxy}, its self-contained
 * jar that the build copies to target/s3proxy) with its filesystem back end, run as its own Java process so its Jetty
 * and jclouds never meet Quarkus' classpath. Started once per test run, on a free port, with its data in target/;
 * also a Quarkus test resource that points the application's video storage at it.
 */
public class S3ProxyServer implements QuarkusTestResourceLifecycleManager {

    public static final String ACCESS_KEY = "test-access-key";
    public static final String SECRET_KEY = "test-secret-key";
    public static final String BUCKET = "dailydoco-videos";

    private static final Duration START_DEADLINE = Duration.ofSeconds(60);

    private static Process process;
    private static String endpoint;

    /** The server's address, starting it (and making the bucket) on first use. */
    public static synchronized String endpoint() {
        if (endpoint == null) {
            start0();
        }
        return endpoint;
    }

    private static void start0() {
        try {
            Path jar = Path.of("target/s3proxy/s3proxy.jar").toAbsolutePath();
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("S3Proxy is not at " + jar + "; run the tests through Maven");
            }
            Path home = Files.createDirectories(Path.of("target/s3proxy-run").toAbsolutePath());
            Path data = home.resolve("data-" + ProcessHandle.current().pid());
            Files.createDirectories(data);
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            String address = "http://127.0.0.1:" + port;
            Properties properties = new Properties();
            properties.setProperty("s3proxy.endpoint", address);
            properties.setProperty("s3proxy.authorization", "aws-v2-or-v4");
            properties.setProperty("s3proxy.identity", ACCESS_KEY);
            properties.setProperty("s3proxy.credential", SECRET_KEY);
            properties.setProperty("jclouds.provider", "filesystem-nio2");
            properties.setProperty("jclouds.filesystem.basedir", data.toString());
            properties.setProperty("jclouds.identity", ACCESS_KEY);
            properties.setProperty("jclouds.credential", SECRET_KEY);
            Path config = home.resolve("s3proxy-" + port + ".conf");
            try (var out = Files.newOutputStream(config)) {
                properties.store(out, "S3Proxy for the video storage tests");
            }
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            process = new ProcessBuilder(java, "-Xmx256m", "-jar", jar.toString(), "--properties", config.toString())
                    .redirectErrorStream(true).redirectOutput(home.resolve("s3proxy.log").toFile()).start();
            Runtime.getRuntime().addShutdownHook(new Thread(S3ProxyServer::stopProcess));
            endpoint = address;
            awaitBucket();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start S3Proxy for the video storage tests", e);
        }
    }

    /** Creates the bucket as soon as the server answers. */
    private static void awaitBucket() {
        Instant deadline = Instant.now().plus(START_DEADLINE);
        try (S3Client s3 = client()) {
            while (true) {
                try {
                    if (s3.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(BUCKET))) {
                        s3.createBucket(b -> b.bucket(BUCKET));
                    }
                    return;
                } catch (SdkClientException notYet) {
                    if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                        throw new IllegalStateException("S3Proxy did not start; see target/s3proxy-run/s3proxy.log",
                                notYet);
                    }
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
    }

    /** A client of the test server, as the application configures its own. */
    public static S3Client client() {
        return S3Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).region(Region.US_EAST_1)
                .endpointOverride(URI.create(endpoint)).forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    private static synchronized void stopProcess() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
            endpoint = null;
        }
    }

    @Override
    public Map<String, String> start() {
        return Map.of("dailydoco.video.storage", "s3", "dailydoco.video.s3.endpoint", endpoint(),
                "dailydoco.video.s3.bucket", BUCKET, "dailydoco.video.s3.path-style", "true",
                "dailydoco.video.s3.access-key", ACCESS_KEY, "dailydoco.video.s3.secret-key", SECRET_KEY);
    }

    @Override
    public void stop() {
        // Kept for the rest of the run (other classes may use it); the shutdown hook ends it.
    }
}
