package pro.dailydoco.scim;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.core.JsonFactory;

import pro.dailydoco.core.Text;

/**
 * Reading SCIM bodies: at most {@link #MAX_PAYLOAD_BYTES}, one JSON object, strict UTF-8, no duplicate keys, and text
 * that keeps the application's input rules (docs/decisions/0090-input-rules.md). Attribute names are matched without
 * regard to case, as RFC 7643 §2.1 requires.
 */
final class ScimJson {

    /** Advertised as maxPayloadSize in /ServiceProviderConfig; a group of ~10,000 members fits. */
    static final int MAX_PAYLOAD_BYTES = 1_048_576;
    /** Operations in one PATCH request; Entra and Okta send a handful. */
    static final int MAX_OPERATIONS = 1_000;
    static final int MAX_TEXT = 256;

    static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).maxStringLength(MAX_PAYLOAD_BYTES).build())
                    .build())
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private ScimJson() {
    }

    /** The request body as one JSON object; anything else is a 400 invalidSyntax (413 past the size limit). */
    static ObjectNode read(InputStream body) {
        byte[] bytes;
        try {
            bytes = body == null ? new byte[0] : body.readNBytes(MAX_PAYLOAD_BYTES + 1);
        } catch (IOException e) {
            throw ScimException.invalidSyntax("The request body could not be read.");
        }
        if (bytes.length > MAX_PAYLOAD_BYTES) {
            throw new ScimException(413, null, "The request body is larger than " + MAX_PAYLOAD_BYTES + " bytes. Nothing was changed.");
        }
        if (bytes.length == 0) {
            throw ScimException.invalidSyntax("The request has no body; send a JSON object (application/scim+json).");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw ScimException.invalidSyntax("The body is not valid JSON"
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")")
                    + ". Nothing was changed.");
        } catch (IOException e) {
            throw ScimException.invalidSyntax("The body is not valid JSON. Nothing was changed.");
        }
        if (node == null || !node.isObject()) {
            throw ScimException.invalidSyntax("The body must be one JSON object.");
        }
        return (ObjectNode) node;
    }

    /** The member named {@code name} in any letter case, or null. */
    static JsonNode get(JsonNode object, String name) {
        if (object == null || !object.isObject()) {
            return null;
        }
        JsonNode exact = object.get(name);
        if (exact != null) {
            return exact;
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equalsIgnoreCase(name)) {
                return field.getValue();
            }
        }
        return null;
    }

    /** Text of an attribute, or null when absent or JSON null; refused when not a string, too long or unstorable. */
    static String text(JsonNode value, String attribute) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ScimException.invalidValue("'" + attribute + "' must be a string.");
        }
        return checked(value.asText(), attribute);
    }

    static String checked(String text, String attribute) {
        OptionalInt forbidden = Text.forbiddenCharacter(text);
        if (forbidden.isPresent()) {
            throw ScimException.invalidValue("'" + attribute + "' contains the control character " + Text.codePoint(forbidden.getAsInt())
                    + ", which can't be stored.");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw ScimException.invalidValue("'" + attribute + "' contains a broken character (a lone surrogate).");
            }
        }
        if (Text.characters(text) > MAX_TEXT) {
            throw ScimException.invalidValue("'" + attribute + "' is longer than " + MAX_TEXT + " characters.");
        }
        return text.isBlank() ? null : text.strip();
    }

    /**
     * A boolean attribute. Entra ID sends {@code "True"}/{@code "False"} as strings in PATCH operations, so those are
     * read as the booleans they mean.
     */
    static Boolean bool(JsonNode value, String attribute) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isTextual()) {
            String text = value.asText().trim().toLowerCase(Locale.ROOT);
            if (text.equals("true") || text.equals("false")) {
                return Boolean.valueOf(text);
            }
        }
        throw ScimException.invalidValue("'" + attribute + "' must be true or false.");
    }
}
