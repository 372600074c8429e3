package pro.dailydoco.billing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Stripe's published objects (src/test/resources/stripe, copied from {@code stripe/openapi}'s
 * {@code openapi/fixtures3.json}; the README there names commit and API version), one file per API family. Every
 * test object starts as a copy of one of these and changes only ids, amounts, references and the status it needs.
 */
public enum StripeShapes {

    /** API 2026-07-29.dahlia, the version stripe-java in the pom pins: the family from 2025-03-31 on. */
    CURRENT("stripe/fixtures-2026-07-29.dahlia.json", "2026-07-29.dahlia"),
    /** API 2025-01-27.acacia, the last family before 2025-03-31 (invoice.charge, charge.invoice, invoice.tax). */
    LEGACY("stripe/fixtures-2025-01-27.acacia.json", "2025-01-27.acacia");

    static final ObjectMapper JSON = new ObjectMapper();

    private final String resource;
    private final String apiVersion;
    private volatile JsonNode resources;

    StripeShapes(String resource, String apiVersion) {
        this.resource = resource;
        this.apiVersion = apiVersion;
    }

    public String apiVersion() {
        return apiVersion;
    }

    /** A fresh copy of the published object {@code name} ({@code invoice}, {@code charge}, …). */
    public ObjectNode object(String name) {
        JsonNode shape = resources().path(name);
        if (!shape.isObject()) {
            throw new IllegalArgumentException(apiVersion + " publishes no " + name + " object");
        }
        return shape.deepCopy();
    }

    public boolean publishes(String name) {
        return resources().path(name).isObject();
    }

    private JsonNode resources() {
        JsonNode loaded = resources;
        if (loaded == null) {
            try (InputStream in = StripeShapes.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("Missing test resource " + resource);
                }
                loaded = JSON.readTree(in).path("resources");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            resources = loaded;
        }
        return loaded;
    }

    static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
