package pro.dailydoco.scim;

import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a SCIM client reads to learn this service (RFC 7644 §4): its features, the two resource types and their
 * schemas (RFC 7643 §5–7), limited to the attributes this service keeps.
 */
final class ScimDiscovery {

    static final String SERVICE_PROVIDER_CONFIG_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
    static final String RESOURCE_TYPE_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
    static final String SCHEMA_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Schema";

    private ScimDiscovery() {
    }

    static ObjectNode serviceProviderConfig(String base) {
        ObjectNode node = ScimJson.MAPPER.createObjectNode();
        node.putArray("schemas").add(SERVICE_PROVIDER_CONFIG_SCHEMA);
        node.putObject("patch").put("supported", true);
        node.putObject("bulk").put("supported", false).put("maxOperations", 0).put("maxPayloadSize", ScimJson.MAX_PAYLOAD_BYTES);
        node.putObject("filter").put("supported", true).put("maxResults", ScimPage.MAX_COUNT);
        node.putObject("changePassword").put("supported", false);
        node.putObject("sort").put("supported", false);
        node.putObject("etag").put("supported", true);
        ObjectNode scheme = node.putArray("authenticationSchemes").addObject();
        scheme.put("type", "oauthbearertoken");
        scheme.put("name", "Bearer token");
        scheme.put("description", "The token a workspace admin creates on the workspace's SCIM page, sent as Authorization: Bearer <token>.");
        scheme.put("primary", true);
        meta(node, "ServiceProviderConfig", base + "/ServiceProviderConfig");
        return node;
    }

    static ObjectNode resourceType(String name, String base) {
        boolean user = name.equals("User");
        ObjectNode node = ScimJson.MAPPER.createObjectNode();
        node.putArray("schemas").add(RESOURCE_TYPE_SCHEMA);
        node.put("id", name);
        node.put("name", name);
        node.put("endpoint", user ? "/Users" : "/Groups");
        node.put("description", user ? "People of the workspace" : "Groups, mapped to roles like single sign-on's groups");
        node.put("schema", user ? ScimRepresentation.USER_SCHEMA : ScimRepresentation.GROUP_SCHEMA);
        node.putArray("schemaExtensions");
        meta(node, "ResourceType", base + "/ResourceTypes/" + name);
        return node;
    }

    static ObjectNode schema(String id, String base) {
        boolean user = id.equals(ScimRepresentation.USER_SCHEMA);
        ObjectNode node = ScimJson.MAPPER.createObjectNode();
        node.putArray("schemas").add(SCHEMA_SCHEMA);
        node.put("id", id);
        node.put("name", user ? "User" : "Group");
        node.put("description", user ? "User Account" : "Group");
        ArrayNode attributes = node.putArray("attributes");
        if (user) {
            attributes.add(attribute("userName", "string", false, true, "readWrite", "server",
                    "The person's work email; it becomes their sign-in email and can't change afterwards"));
            ObjectNode name = attribute("name", "complex", false, false, "readWrite", "none", "The person's name");
            name.putArray("subAttributes").add(attribute("givenName", "string", false, false, "readWrite", "none", "Given name"))
                    .add(attribute("familyName", "string", false, false, "readWrite", "none", "Family name"))
                    .add(attribute("formatted", "string", false, false, "readWrite", "none", "Full name"));
            attributes.add(name);
            attributes.add(attribute("displayName", "string", false, false, "readWrite", "none", "The name shown in the workspace"));
            ObjectNode emails = attribute("emails", "complex", true, false, "readOnly", "none", "The userName, as the work email");
            emails.putArray("subAttributes").add(attribute("value", "string", false, false, "readOnly", "none", "Email"))
                    .add(attribute("type", "string", false, false, "readOnly", "none", "Always work"))
                    .add(attribute("primary", "boolean", false, false, "readOnly", "none", "Always true"));
            attributes.add(emails);
            attributes.add(attribute("active", "boolean", false, false, "readWrite", "none",
                    "false ends the person's sessions and access to the workspace at once"));
            ObjectNode groups = attribute("groups", "complex", true, false, "readOnly", "none", "Groups the person is in");
            groups.putArray("subAttributes").add(attribute("value", "string", false, false, "readOnly", "none", "Group id"))
                    .add(attribute("display", "string", false, false, "readOnly", "none", "Group name"));
            attributes.add(groups);
        } else {
            attributes.add(attribute("displayName", "string", false, true, "readWrite", "server",
                    "The group's name, as the single sign-on role mapping names it"));
            ObjectNode members = attribute("members", "complex", true, false, "readWrite", "none", "Users in the group");
            members.putArray("subAttributes").add(attribute("value", "string", false, false, "immutable", "none", "User id"))
                    .add(attribute("display", "string", false, false, "readOnly", "none", "User's name"));
            attributes.add(members);
        }
        meta(node, "Schema", base + "/Schemas/" + id);
        return node;
    }

    static List<String> schemaIds() {
        return List.of(ScimRepresentation.USER_SCHEMA, ScimRepresentation.GROUP_SCHEMA);
    }

    private static ObjectNode attribute(String name, String type, boolean multiValued, boolean required, String mutability,
            String uniqueness, String description) {
        ObjectNode node = ScimJson.MAPPER.createObjectNode();
        node.put("name", name);
        node.put("type", type);
        node.put("multiValued", multiValued);
        node.put("description", description);
        node.put("required", required);
        node.put("caseExact", false);
        node.put("mutability", mutability);
        node.put("returned", "default");
        node.put("uniqueness", uniqueness);
        return node;
    }

    private static void meta(ObjectNode node, String resourceType, String location) {
        node.putObject("meta").put("resourceType", resourceType).put("location", location);
    }
}
