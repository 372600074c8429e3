package pro.dailydoco.tenant;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import pro.dailydoco.core.database.ClusterLock;

/**
 * Loads {@code tenants/*.yaml} at start-up and upserts them by slug. Every file is parsed and validated before
 * anything is written, and all of them are applied in one transaction: a bad file stops start-up with one line
 * naming the file and the field, and nothing is half-applied.
 */
@ApplicationScoped
public class TenantDefinitions {

    /** Start-up tasks that need the declared tenants (demo data) observe with a later priority. */
    public static final int STARTUP_PRIORITY = 100;

    private final TenantConfig config;
    private final Event<TenantDefinitionApplied> definitionApplied;
    private final ClusterLock clusterLock;
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    private final ObjectMapper json = new ObjectMapper();

    TenantDefinitions(TenantConfig config, Event<TenantDefinitionApplied> definitionApplied, ClusterLock clusterLock) {
        this.config = config;
        this.definitionApplied = definitionApplied;
        this.clusterLock = clusterLock;
    }

    void onStart(@Observes @Priority(STARTUP_PRIORITY) StartupEvent event) {
        Path directory = Path.of(config.definitionsDirectory());
        if (!Files.isDirectory(directory)) {
            Log.infof("No tenant definitions folder at %s; skipping declared tenants", directory.toAbsolutePath());
            return;
        }
        try {
            List<Tenant> applied = loadAndApply(directory);
            Log.infof("Applied %d tenant definition(s) from %s", applied.size(), directory);
        } catch (TenantDefinitionException e) {
            Log.error("Invalid tenant definition: " + e.getMessage());
            throw e;
        }
    }

    /** Parses and validates every {@code *.yaml}/{@code *.yml} in {@code directory}, then upserts them together. */
    public List<Tenant> loadAndApply(Path directory) {
        Map<String, TenantDefinition> definitions = parseAll(directory);
        return QuarkusTransaction.requiringNew().call(() -> apply(definitions));
    }

    Map<String, TenantDefinition> parseAll(Path directory) {
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml")).sorted().toList();
        } catch (IOException e) {
            throw new TenantDefinitionException(directory.toString(), "cannot be read: " + e.getMessage());
        }
        Map<String, TenantDefinition> byFile = new java.util.LinkedHashMap<>();
        Map<String, String> fileBySlug = new HashMap<>();
        Map<String, String> fileByHost = new HashMap<>();
        Map<String, String> fileByEmailDomain = new HashMap<>();
        for (Path file : files) {
            String name = directory.getFileName() + "/" + file.getFileName();
            TenantDefinition definition = parse(name, file);
            TenantDefinitionValidator.validate(name, definition);
            String other = fileBySlug.putIfAbsent(definition.slug(), name);
            if (other != null) {
                throw new TenantDefinitionException(name, "slug", "'" + definition.slug() + "' is already defined in " + other);
            }
            claimOnce(fileByHost, name, "hostnames", definition.hostnames());
            if (definition.sso() != null) {
                claimOnce(fileByEmailDomain, name, "sso.emailDomains", definition.sso().emailDomains());
            }
            byFile.put(name, definition);
        }
        return byFile;
    }

    /** A host name or an SSO email domain belongs to one workspace only: the second file to claim it is refused. */
    private static void claimOnce(Map<String, String> claims, String file, String field, List<String> values) {
        List<String> list = values == null ? List.of() : values;
        for (int i = 0; i < list.size(); i++) {
            String owner = claims.putIfAbsent(list.get(i), file);
            if (owner != null) {
                throw new TenantDefinitionException(file, field + "[" + i + "]", "'" + list.get(i) + "' is already claimed in " + owner);
            }
        }
    }

    private TenantDefinition parse(String name, Path file) {
        try {
            return yaml.readValue(file.toFile(), TenantDefinition.class);
        } catch (UnrecognizedPropertyException e) {
            if ("clientSecret".equals(e.getPropertyName())) {
                throw new TenantDefinitionException(name, path(e),
                        "must not be written in a tenant file; put the secret in an environment variable and name it in sso.clientSecretEnv");
            }
            throw new TenantDefinitionException(name, path(e), "is not a known field (known: "
                    + e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", ")) + ")");
        } catch (JsonMappingException e) {
            throw new TenantDefinitionException(name, path(e), "has the wrong type: " + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (JsonProcessingException e) {
            throw new TenantDefinitionException(name, "is not valid YAML (line " + e.getLocation().getLineNr() + "): "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new TenantDefinitionException(name, "cannot be read: " + e.getMessage());
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "(document)" : path.toString();
    }

    private List<Tenant> apply(Map<String, TenantDefinition> definitions) {
        // Several instances start at once: one applies, the others wait and then find nothing to change.
        clusterLock.lock("tenant-definitions");
        List<Tenant> applied = new ArrayList<>();
        for (Map.Entry<String, TenantDefinition> entry : definitions.entrySet()) {
            TenantDefinition d = entry.getValue();
            for (String host : d.hostnames() == null ? List.<String>of() : d.hostnames()) {
                Tenant.findByHostname(host).filter(owner -> !owner.slug.equals(d.slug())).ifPresent(owner -> {
                    throw new TenantDefinitionException(entry.getKey(), "hostnames",
                            "'" + host + "' already belongs to the workspace '" + owner.slug + "'");
                });
            }
            Tenant tenant = Tenant.findBySlug(d.slug()).orElse(null);
            boolean created = tenant == null;
            String before = created ? "" : fingerprint(tenant);
            if (created) {
                tenant = new Tenant();
                tenant.id = UUID.randomUUID();
                tenant.slug = d.slug();
                tenant.source = Tenant.Source.YAML;
                tenant.createdAt = Instant.now();
            }
            tenant.displayName = d.name().trim();
            if (d.status() != null) {
                tenant.status = TenantStatus.valueOf(d.status().toUpperCase(Locale.ROOT));
            }
            if (d.branding() != null) {
                tenant.primaryColor = d.branding().primaryColor() == null ? tenant.primaryColor : d.branding().primaryColor().toLowerCase(Locale.ROOT);
                tenant.accentColor = d.branding().accentColor() == null ? tenant.accentColor : d.branding().accentColor().toLowerCase(Locale.ROOT);
                tenant.logoUrl = d.branding().logoUrl();
            }
            tenant.hostnames = d.hostnames() == null ? new ArrayList<>() : new ArrayList<>(d.hostnames());
            tenant.planOverride = d.plan() == null ? null : d.plan().toUpperCase(Locale.ROOT);
            tenant.sso = d.sso() == null ? null : toJson(d.sso());
            tenant.declaredOwners = d.owners() == null ? new ArrayList<>()
                    : d.owners().stream().map(e -> e.trim().toLowerCase(Locale.ROOT)).distinct().collect(Collectors.toCollection(ArrayList::new));
            applied.add(tenant);
            if (created || !before.equals(fingerprint(tenant))) {
                tenant.updatedAt = Instant.now();
                tenant.persist();
                definitionApplied.fire(new TenantDefinitionApplied(tenant.id, created));
            }
        }
        return applied;
    }

    private static String fingerprint(Tenant t) {
        return String.join("|", t.displayName, String.valueOf(t.status), t.primaryColor, t.accentColor,
                String.valueOf(t.logoUrl), String.valueOf(t.hostnames), String.valueOf(t.planOverride), String.valueOf(t.sso), String.valueOf(t.declaredOwners));
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
