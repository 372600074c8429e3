package pro.dailydoco.billing.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import pro.dailydoco.core.web.Formats;

/**
 * The envelope of a signed Stripe event read from its raw JSON: id, type, API version, creation time and the object.
 * An envelope that cannot key or order an event — not a JSON object, an id or type that is not Stripe's shape (a NUL
 * in it, say), a {@code created} that is not a whole Unix time between Stripe's start and a few minutes from now — has
 * a {@link #problem()} and is never stored as an event (docs/decisions/0100-invalid-stripe-events-are-kept-apart.md).
 */
public record StripeEventEnvelope(String id, String type, String apiVersion, Instant created, JsonNode event,
        String problem) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9_-]{1,255}");
    private static final Pattern TYPE = Pattern.compile("[a-z0-9_.]{1,128}");
    private static final Pattern API_VERSION = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** Stripe's API did not exist before 2010: an earlier creation time is not one of its events. */
    static final Instant EARLIEST = Instant.parse("2010-01-01T00:00:00Z");

    /** Reads the envelope; {@code now} and {@code tolerance} bound how far ahead its creation time may be. */
    public static StripeEventEnvelope read(String payload, Instant now, Duration tolerance) {
        JsonNode root;
        try {
            root = JSON.readTree(payload);
        } catch (JsonProcessingException e) {
            return unusable(null, null, null, "the body is not JSON");
        }
        if (root == null || !root.isObject()) {
            return unusable(null, null, null, "the body is not a JSON object");
        }
        JsonNode id = root.get("id");
        JsonNode type = root.get("type");
        String idText = id != null && id.isTextual() ? id.asText() : null;
        String typeText = type != null && type.isTextual() ? type.asText() : null;
        if (idText == null || !EVENT_ID.matcher(idText).matches()) {
            return unusable(idText, typeText, root, "the event id must be 1 to 255 letters, digits, '_' or '-'");
        }
        if (typeText == null || !TYPE.matcher(typeText).matches()) {
            return unusable(idText, typeText, root, "the event type must be lower-case words joined by dots");
        }
        JsonNode apiVersion = root.get("api_version");
        String version = apiVersion == null || apiVersion.isNull() ? null : apiVersion.asText();
        if (version != null && !API_VERSION.matcher(version).matches()) {
            return unusable(idText, typeText, root, "api_version is not a Stripe API version");
        }
        JsonNode created = root.get("created");
        if (created == null || !created.isIntegralNumber() || !created.canConvertToLong()) {
            return unusable(idText, typeText, root, "created must be a whole Unix time in seconds");
        }
        long seconds = created.asLong();
        Instant latest = now.plus(tolerance);
        if (seconds < EARLIEST.getEpochSecond() || seconds > latest.getEpochSecond()) {
            return unusable(idText, typeText, root, "created (" + seconds + ") is not between "
                    + Formats.date(EARLIEST) + " and " + tolerance.toMinutes() + " minutes from now");
        }
        if (!root.path("data").path("object").isObject()) {
            return unusable(idText, typeText, root, "data.object is missing");
        }
        return new StripeEventEnvelope(idText, typeText, version, Instant.ofEpochSecond(seconds), root, null);
    }

    private static StripeEventEnvelope unusable(String id, String type, JsonNode event, String problem) {
        return new StripeEventEnvelope(id, type, null, null, event, problem);
    }

    public JsonNode object() {
        return event.path("data").path("object");
    }

    /**
     * Whether {@code storedPayload} is this same event: the same type, creation time and data. What Stripe counts per
     * delivery ({@code pending_webhooks}, {@code request}) may differ between deliveries of one event.
     */
    public boolean sameEventAs(String storedPayload) {
        try {
            JsonNode stored = JSON.readTree(storedPayload);
            return stored != null && type.equals(stored.path("type").asText(null))
                    && event.path("created").equals(stored.path("created")) && event.path("data").equals(stored.path("data"));
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /** The key a repeated delivery of this event shares: its id, type, creation time and data, or the whole body. */
    public String dedupeKey(String payload) {
        String basis = event == null ? payload
                : id + "\n" + type + "\n" + event.path("created") + "\n" + event.path("data");
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(basis.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** Text as it may be stored and shown: control characters (a NUL, say) written out as {@code \\uXXXX}, 255 at most. */
    public static String printable(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.length() > 255 ? out.substring(0, 255) : out.toString();
    }
}
