package pro.dailydoco.deployment;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The Kubernetes manifests in deploy/k8s are a second copy of the configuration contract: every variable they set
 * must be one the README's configuration table documents, every secret must come from a Secret by reference (never
 * a literal, never the ConfigMap), and every probe must point at an endpoint the app really serves on its
 * management port. The manifests are parsed as YAML, as kubectl would, not searched as text.
 */
@QuarkusTest
class KubernetesManifestsTest {

    private static final Path MANIFESTS = Path.of("deploy/k8s");

    /** Variables whose value is a credential or a key (not a limit "per key"): they may only come from a Secret. */
    private static final Pattern SECRET_NAME = Pattern.compile(".*((?<!_PER)_KEY|SECRET|PASSWORD|_USERNAME)$");

    /** Relative to the management root path (/q): the probes' paths are checked against this port. */
    @TestHTTPResource(value = "/", management = true)
    URL management;

    private static Map<String, List<JsonNode>> byKind;
    private static Map<String, Row> table;

    record Row(String variable, String description) {
    }

    @BeforeAll
    static void read() throws IOException {
        byKind = new LinkedHashMap<>();
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try (Stream<Path> files = Files.list(MANIFESTS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try (var documents = yaml.readerFor(JsonNode.class).readValues(file.toFile())) {
                    while (documents.hasNext()) {
                        JsonNode document = (JsonNode) documents.next();
                        if (document != null && !document.isNull()) {
                            byKind.computeIfAbsent(document.path("kind").asText(), k -> new ArrayList<>()).add(document);
                        }
                    }
                }
            }
        }
        table = configurationTable(Files.readString(Path.of("README.md")));
    }

    @Test
    void everyFileIsPartOfTheKustomization() throws IOException {
        JsonNode kustomization = one("Kustomization");
        Set<String> listed = new TreeSet<>();
        kustomization.path("resources").forEach(r -> listed.add(r.asText()));
        Set<String> present = new TreeSet<>();
        try (Stream<Path> files = Files.list(MANIFESTS)) {
            files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .filter(n -> !n.equals("kustomization.yaml")).forEach(present::add);
        }
        assertEquals(present, listed, "kustomization.yaml lists exactly the manifests in deploy/k8s");
    }

    @Test
    void everyVariableTheDeploymentSetsIsInTheConfigurationTable() {
        Set<String> undocumented = new TreeSet<>(variablesSet().keySet());
        undocumented.removeAll(table.keySet());
        assertTrue(undocumented.isEmpty(), "set by deploy/k8s but missing from the README's table: " + undocumented);
    }

    @Test
    void secretsComeOnlyFromSecretReferences() {
        Map<String, String> sources = variablesSet();
        List<String> wrong = new ArrayList<>();
        sources.forEach((name, source) -> {
            if (SECRET_NAME.matcher(name).matches() && !source.startsWith("secret:")) {
                wrong.add(name + " from " + source);
            }
        });
        assertTrue(wrong.isEmpty(), "credentials set outside a Secret: " + wrong);

        // Every credential the application reads in production is wired: an example or test-only row is not one.
        Set<String> missing = new TreeSet<>();
        table.forEach((name, row) -> {
            boolean productionSetting = !row.description().startsWith("Example")
                    && !row.description().contains("test only") && !row.description().contains("unused outside tests");
            if (SECRET_NAME.matcher(name).matches() && productionSetting && !sources.containsKey(name)) {
                missing.add(name);
            }
        });
        assertTrue(missing.isEmpty(), "credentials in the README's table that deploy/k8s never sets: " + missing);
    }

    @Test
    void everySecretReferenceIsDocumentedWithItsKey() throws IOException {
        String guide = Files.readString(Path.of("docs/kubernetes.md"));
        Set<String> undocumented = new TreeSet<>();
        forEachEnv((name, value) -> {
            JsonNode ref = value.path("valueFrom").path("secretKeyRef");
            if (!ref.isMissingNode()) {
                String secret = ref.path("name").asText();
                String key = ref.path("key").asText();
                if (!guide.contains("create secret generic " + secret) || !guide.contains("--from-literal=" + key + "=")) {
                    undocumented.add(secret + "/" + key);
                }
            }
        });
        assertTrue(undocumented.isEmpty(), "secret keys docs/kubernetes.md does not show how to create: " + undocumented);
    }

    @Test
    void theProbesAskEndpointsTheManagementPortServes() {
        JsonNode container = container();
        String managementPort = null;
        for (JsonNode port : container.path("ports")) {
            if (port.path("containerPort").asInt() == 9000) {
                managementPort = port.path("name").asText();
            }
        }
        assertNotNull(managementPort, "the container declares the management port 9000");
        for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
            JsonNode get = container.path(probe).path("httpGet");
            assertEquals(managementPort, get.path("port").asText(), probe + " asks the management port");
            String path = get.path("path").asText();
            assertTrue(path.startsWith("/q/"), probe + " path " + path);
            String url = management.toString().replaceAll("/q/?$", "") + path;
            given().get(url).then().statusCode(200);
        }
    }

    @Test
    void thePartsPointAtEachOther() {
        JsonNode deployment = one("Deployment");
        String name = deployment.path("metadata").path("name").asText();
        JsonNode podLabels = deployment.path("spec").path("template").path("metadata").path("labels");
        assertSelects(deployment.path("spec").path("selector").path("matchLabels"), podLabels, "the Deployment");

        JsonNode autoscaler = one("HorizontalPodAutoscaler");
        assertEquals(name, autoscaler.path("spec").path("scaleTargetRef").path("name").asText());
        assertTrue(autoscaler.path("spec").path("minReplicas").asInt() >= 2, "more than one node at all times");

        JsonNode budget = one("PodDisruptionBudget");
        assertSelects(budget.path("spec").path("selector").path("matchLabels"), podLabels, "PodDisruptionBudget");
        assertSelects(one("Service").path("spec").path("selector"), podLabels, "Service");
        Set<String> portNames = new LinkedHashSet<>();
        container().path("ports").forEach(p -> portNames.add(p.path("name").asText()));
        one("Service").path("spec").path("ports")
                .forEach(p -> assertTrue(portNames.contains(p.path("targetPort").asText()), "Service target port"));
        assertFalse(one("Service").path("spec").path("ports").findValuesAsText("targetPort").contains("management"),
                "the management port is never published through the Service");

        JsonNode resources = container().path("resources");
        assertFalse(resources.path("requests").path("cpu").isMissingNode(), "a CPU request");
        assertEquals(resources.path("requests").path("memory"), resources.path("limits").path("memory"),
                "memory request = limit: the heap is a share of it");

        // The database: a replica beside the primary, and a runtime role row-level security still applies to.
        JsonNode cluster = one("Cluster");
        assertEquals("postgresql.cnpg.io/v1", cluster.path("apiVersion").asText());
        assertTrue(cluster.path("spec").path("instances").asInt() >= 2, "a primary and a streaming replica");
        String jdbcUrl = one("ConfigMap").path("data").path("QUARKUS_DATASOURCE_JDBC_URL").asText();
        assertTrue(jdbcUrl.contains("//" + cluster.path("metadata").path("name").asText() + "-rw:"),
                "the app writes to the cluster's primary service: " + jdbcUrl);
        JsonNode runtimeRole = cluster.path("spec").path("managed").path("roles").get(0);
        assertFalse(runtimeRole.path("superuser").asBoolean(true), "runtime role is no superuser");
        assertFalse(runtimeRole.path("bypassrls").asBoolean(true), "runtime role cannot bypass row-level security");
        assertEquals(secretOf("QUARKUS_DATASOURCE_USERNAME"), runtimeRole.path("passwordSecret").path("name").asText(),
                "the app connects as the managed runtime role");
        assertEquals(secretOf("QUARKUS_FLYWAY_USERNAME"),
                cluster.path("spec").path("bootstrap").path("initdb").path("secret").path("name").asText(),
                "Flyway migrates as the database owner");
    }

    // --- reading the manifests -------------------------------------------------------------------------------

    private static JsonNode one(String kind) {
        List<JsonNode> documents = byKind.get(kind);
        assertNotNull(documents, "deploy/k8s has a " + kind);
        assertEquals(1, documents.size(), "one " + kind);
        return documents.get(0);
    }

    private static JsonNode container() {
        JsonNode containers = one("Deployment").path("spec").path("template").path("spec").path("containers");
        assertEquals(1, containers.size());
        return containers.get(0);
    }

    private interface EnvVisitor {
        void visit(String name, JsonNode value);
    }

    private static void forEachEnv(EnvVisitor visitor) {
        container().path("env").forEach(e -> visitor.visit(e.path("name").asText(), e));
    }

    /** Every variable the pod gets, with where it comes from: "secret:name/key", "configmap:name" or "literal". */
    private static Map<String, String> variablesSet() {
        Map<String, String> sources = new LinkedHashMap<>();
        for (JsonNode from : container().path("envFrom")) {
            String configMap = from.path("configMapRef").path("name").asText();
            assertFalse(configMap.isEmpty(), "envFrom only from ConfigMaps (a whole Secret hides which keys it sets)");
            JsonNode data = byKind.get("ConfigMap").stream()
                    .filter(c -> c.path("metadata").path("name").asText().equals(configMap)).findFirst()
                    .orElseThrow(() -> new AssertionError("ConfigMap " + configMap + " is not in deploy/k8s"))
                    .path("data");
            data.fieldNames().forEachRemaining(n -> sources.put(n, "configmap:" + configMap));
        }
        forEachEnv((name, value) -> {
            JsonNode ref = value.path("valueFrom").path("secretKeyRef");
            sources.put(name, ref.isMissingNode() ? "literal"
                    : "secret:" + ref.path("name").asText() + "/" + ref.path("key").asText());
        });
        return sources;
    }

    private static String secretOf(String variable) {
        String source = variablesSet().get(variable);
        assertNotNull(source, variable + " is set");
        return source.substring("secret:".length(), source.indexOf('/'));
    }

    private static void assertSelects(JsonNode selector, JsonNode labels, String what) {
        assertFalse(selector.isEmpty(), what + " has a selector");
        selector.fields().forEachRemaining(
                e -> assertEquals(e.getValue().asText(), labels.path(e.getKey()).asText(), what + " selects the pods"));
    }

    // --- reading the README's configuration table ------------------------------------------------------------

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    /**
     * The variables of the table's second column. A cell may abbreviate siblings of its first name: `A_B_C` / `_D`
     * means A_B_D, and `A_B_C_D` / `_E_F` means A_B_E_F (the suffix replaces as many parts as it has).
     */
    static Map<String, Row> configurationTable(String readme) {
        Map<String, Row> rows = new LinkedHashMap<>();
        for (String line : readme.split("\n")) {
            if (!line.startsWith("| ")) {
                continue;
            }
            String[] cells = line.split(" \\| ");
            if (cells.length < 4) {
                continue;
            }
            String description = cells[cells.length - 1];
            String first = null;
            Matcher code = CODE.matcher(cells[1]);
            while (code.find()) {
                String token = code.group(1);
                if (!token.matches("_?[A-Z][A-Z0-9_]*")) {
                    continue;
                }
                String name;
                if (token.startsWith("_") && first != null) {
                    String[] parts = first.split("_");
                    int replaced = token.substring(1).split("_").length;
                    name = String.join("_", List.of(parts).subList(0, parts.length - replaced)) + token;
                } else {
                    name = token;
                    first = token;
                }
                rows.put(name, new Row(name, description));
            }
        }
        return rows;
    }

    @Test
    void theTableReaderExpandsAbbreviatedSiblings() {
        Map<String, Row> rows = configurationTable("""
                | `a.b` | `QUARKUS_MAILER_HOST` / `_PORT` | x | Mail. |
                | `c.d` | `DAILYDOCO_BILLING_STRIPE_CONNECT_TIMEOUT` / `_READ_TIMEOUT` | 5s | Timeouts. |
                """);
        assertEquals(Set.of("QUARKUS_MAILER_HOST", "QUARKUS_MAILER_PORT", "DAILYDOCO_BILLING_STRIPE_CONNECT_TIMEOUT",
                "DAILYDOCO_BILLING_STRIPE_READ_TIMEOUT"), rows.keySet());
        assertTrue(table.containsKey("QUARKUS_DATASOURCE_PASSWORD"), "the real table is read too");
    }
}
