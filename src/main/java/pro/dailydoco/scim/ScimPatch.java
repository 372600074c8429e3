package pro.dailydoco.scim;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The operations of a PATCH request (RFC 7644 §3.5.2), read and checked before anything is applied, so a request
 * with one bad operation changes nothing. Operation names are read without regard to case ({@code "Replace"} from
 * Entra ID, {@code "replace"} from Okta).
 */
final class ScimPatch {

    enum Op {
        ADD,
        REPLACE,
        REMOVE
    }

    /** One operation: {@code path} null means "the resource itself", with an object {@code value}. */
    record Operation(Op op, String path, JsonNode value) {
    }

    private ScimPatch() {
    }

    static List<Operation> operations(ObjectNode body) {
        JsonNode schemas = ScimJson.get(body, "schemas");
        if (schemas != null && schemas.isArray() && schemas.size() > 0) {
            boolean patchOp = false;
            for (JsonNode schema : schemas) {
                patchOp |= ScimRepresentation.PATCH_SCHEMA.equalsIgnoreCase(schema.asText());
            }
            if (!patchOp) {
                throw ScimException.invalidSyntax("A PATCH body names the schema " + ScimRepresentation.PATCH_SCHEMA + ".");
            }
        }
        JsonNode array = ScimJson.get(body, "Operations");
        if (array == null || !array.isArray() || array.isEmpty()) {
            throw ScimException.invalidSyntax("A PATCH body needs a non-empty 'Operations' array.");
        }
        if (array.size() > ScimJson.MAX_OPERATIONS) {
            throw ScimException.invalidSyntax("At most " + ScimJson.MAX_OPERATIONS + " operations per PATCH request.");
        }
        List<Operation> operations = new ArrayList<>();
        for (JsonNode item : array) {
            if (!item.isObject()) {
                throw ScimException.invalidSyntax("Each operation must be a JSON object.");
            }
            JsonNode opNode = ScimJson.get(item, "op");
            Op op;
            try {
                op = Op.valueOf(opNode == null || !opNode.isTextual() ? "" : opNode.asText().trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ScimException.invalidSyntax("Each operation's 'op' must be add, replace or remove.");
            }
            JsonNode pathNode = ScimJson.get(item, "path");
            String path = pathNode == null || pathNode.isNull() ? null : ScimJson.text(pathNode, "path");
            JsonNode value = ScimJson.get(item, "value");
            if (path == null && op == Op.REMOVE) {
                throw new ScimException(400, "noTarget", "A remove operation needs a path.");
            }
            if (path == null && (value == null || !value.isObject())) {
                throw ScimException.invalidSyntax("An " + op.name().toLowerCase(Locale.ROOT)
                        + " operation without a path needs an object 'value'.");
            }
            if (op != Op.REMOVE && (value == null || value.isMissingNode())) {
                throw ScimException.invalidSyntax("An " + op.name().toLowerCase(Locale.ROOT) + " operation needs a 'value'.");
            }
            operations.add(new Operation(op, path, value));
        }
        return operations;
    }

    /** Where a draft takes one attribute's change. */
    interface Target {
        void set(Op op, String path, JsonNode value);
    }

    /**
     * Applies the operations in order: one with a path to that attribute, one without to each attribute its object
     * value names (RFC 7644 §3.5.2.1, §3.5.2.3). The target throws before its caller stores anything when one is invalid.
     */
    static void apply(Iterable<Operation> operations, Target target) {
        for (Operation operation : operations) {
            if (operation.path() == null) {
                for (Iterator<Map.Entry<String, JsonNode>> fields = operation.value().fields(); fields.hasNext();) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    target.set(operation.op(), field.getKey(), field.getValue());
                }
            } else {
                target.set(operation.op(), operation.path(), operation.value());
            }
        }
    }

    /** {@code path} without the resource's core schema prefix, in lower case for comparison. */
    static String attribute(String path, String schema) {
        String stripped = path.regionMatches(true, 0, schema + ":", 0, schema.length() + 1) ? path.substring(schema.length() + 1) : path;
        return stripped.trim().toLowerCase(Locale.ROOT);
    }
}
