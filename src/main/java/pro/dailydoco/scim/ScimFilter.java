package pro.dailydoco.scim;

import java.util.Locale;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * The filters this service answers (RFC 7644 §3.4.2.2): one {@code attribute eq value} comparison on an attribute the
 * resource type lists — what Okta, Entra ID and the UnboundID client send to find a person or group before creating
 * it. Any other filter is refused with 400 invalidFilter rather than answered wrongly.
 *
 * @param attribute the attribute as the resource type names it (e.g. {@code userName}), schema prefix removed
 * @param value the compared value: a string, or "true"/"false" for a boolean attribute
 */
record ScimFilter(String attribute, String value) {

    private static final Pattern COMPARISON = Pattern.compile(
            "^\\s*([A-Za-z][A-Za-z0-9_:.$-]*)\\s+([A-Za-z]{2})\\s+(\"(?:[^\"\\\\]|\\\\.)*\"|true|false)\\s*$",
            Pattern.CASE_INSENSITIVE);

    static ScimFilter parse(String filter, String schema, java.util.List<String> attributes) {
        if (filter == null || filter.isBlank()) {
            return null;
        }
        Matcher m = COMPARISON.matcher(filter);
        if (!m.matches()) {
            throw ScimException.invalidFilter("This service answers one comparison of the form attribute eq \"value\" "
                    + "(on " + String.join(", ", attributes) + "); it does not support this filter.");
        }
        String operator = m.group(2).toLowerCase(Locale.ROOT);
        if (!operator.equals("eq")) {
            throw ScimException.invalidFilter("Only the eq operator is supported, not " + m.group(2) + ".");
        }
        String attribute = m.group(1);
        if (attribute.regionMatches(true, 0, schema + ":", 0, schema.length() + 1)) {
            attribute = attribute.substring(schema.length() + 1);
        }
        String known = null;
        for (String name : attributes) {
            if (name.equalsIgnoreCase(attribute)) {
                known = name;
            }
        }
        if (known == null) {
            throw ScimException.invalidFilter("Filtering on '" + attribute + "' is not supported; use one of "
                    + String.join(", ", attributes) + ".");
        }
        String raw = m.group(3);
        String value;
        if (raw.startsWith("\"")) {
            try {
                value = ScimJson.MAPPER.readValue(raw, String.class);
            } catch (JsonProcessingException e) {
                throw ScimException.invalidFilter("The filter's value is not a valid JSON string.");
            }
            ScimJson.checked(value, "filter");
        } else {
            value = raw.toLowerCase(Locale.ROOT);
        }
        return new ScimFilter(known, value);
    }
}
