package pro.dailydoco.scim;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Users, groups and lists as RFC 7643 writes them, with meta (location, created, lastModified, version). */
final class ScimRepresentation {

    static final String USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
    static final String LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    static final String PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    private ScimRepresentation() {
    }

    /** The resource's ETag, weak: it follows the SCIM view of the resource, not the bytes. */
    static String etag(long version) {
        return "W/\"" + version + "\"";
    }

    static ObjectNode user(ScimUser user, List<ScimGroupMembers.GroupRef> groups, String base) {
        ObjectNode node = ScimJson.MAPPER.createObjectNode();
        node.putArray("schemas").add(USER_SCHEMA);
        node.put("id", user.id.toString());
        if (user.externalId != null) {
            node.put("externalId", user.externalId);
        }
        node.put("userName", user.userName);
        ObjectNode name = node.putObject("name");
        if (user.givenName != null) {
            name.put("givenName", user.givenName);
        }
        if (user.familyName != null) {
            name.put("familyName", user.familyName);
        }
        String formatted = formattedName(user);
        if (formatted != null) {
            name.put("formatted", formatted);
        }
        node.put("displayName", displayName(user));
        ObjectNode email = node.putArray("emails").addObject();
        email.put("value", user.userName);
        email.put("type", "work");
        email.put("primary", true);
        node.put("active", user.active);
        ArrayNode groupArray = node.putArray("groups");
        for (ScimGroupMembers.GroupRef group : groups) {
            ObjectNode ref = groupArray.addObject();
            ref.put("value", group.groupId().toString());
            ref.put("display", group.displayName());
            ref.put("$ref", base + "/Groups/" + group.groupId());
            ref.put("type", "direct");
        }
        meta(node, "User", user.createdAt, user.updatedAt, base + "/Users/" + user.id, user.version);
        return node;
    }

    static ObjectNode group(ScimGroup group, List<ScimGroupMembers.Member> members, String base) {
        ObjectNode node = ScimJson.MAPPER.createObjectNode();
        node.putArray("schemas").add(GROUP_SCHEMA);
        node.put("id", group.id.toString());
        if (group.externalId != null) {
            node.put("externalId", group.externalId);
        }
        node.put("displayName", group.displayName);
        ArrayNode array = node.putArray("members");
        for (ScimGroupMembers.Member member : members) {
            ObjectNode ref = array.addObject();
            ref.put("value", member.scimUserId().toString());
            ref.put("display", member.displayName() != null ? member.displayName() : member.userName());
            ref.put("$ref", base + "/Users/" + member.scimUserId());
            ref.put("type", "User");
        }
        meta(node, "Group", group.createdAt, group.updatedAt, base + "/Groups/" + group.id, group.version);
        return node;
    }

    static ObjectNode list(List<ObjectNode> resources, long total, ScimPage page) {
        ObjectNode node = ScimJson.MAPPER.createObjectNode();
        node.putArray("schemas").add(LIST_SCHEMA);
        node.put("totalResults", total);
        node.put("startIndex", page.startIndex());
        node.put("itemsPerPage", resources.size());
        ArrayNode array = node.putArray("Resources");
        resources.forEach(array::add);
        return node;
    }

    /** The name people see: the directory's display name, else given and family name, else the email. */
    static String displayName(ScimUser user) {
        if (user.displayName != null) {
            return user.displayName;
        }
        String formatted = formattedName(user);
        return formatted != null ? formatted : user.userName;
    }

    private static String formattedName(ScimUser user) {
        String joined = ((user.givenName == null ? "" : user.givenName) + " " + (user.familyName == null ? "" : user.familyName)).trim();
        return joined.isEmpty() ? null : joined;
    }

    /**
     * The attributes a client asked for ({@code attributes}) or not ({@code excludedAttributes}), top level only;
     * schemas and id are always returned (RFC 7643 §7, returned "always").
     */
    static ObjectNode project(ObjectNode resource, String attributes, String excludedAttributes) {
        Set<String> wanted = names(attributes);
        Set<String> unwanted = names(excludedAttributes);
        if (wanted.isEmpty() && unwanted.isEmpty()) {
            return resource;
        }
        for (Iterator<String> fields = resource.fieldNames(); fields.hasNext();) {
            String field = fields.next().toLowerCase(Locale.ROOT);
            boolean always = field.equals("schemas") || field.equals("id");
            if (!always && ((!wanted.isEmpty() && !wanted.contains(field)) || unwanted.contains(field))) {
                fields.remove();
            }
        }
        return resource;
    }

    private static Set<String> names(String list) {
        if (list == null || list.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> s.replaceFirst("(?i)^urn:ietf:params:scim:schemas:core:2\\.0:(User|Group):", ""))
                .map(s -> s.contains(".") ? s.substring(0, s.indexOf('.')) : s)
                .map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    private static void meta(ObjectNode node, String type, Instant created, Instant modified, String location, long version) {
        ObjectNode meta = node.putObject("meta");
        meta.put("resourceType", type);
        meta.put("created", created.truncatedTo(ChronoUnit.MILLIS).toString());
        meta.put("lastModified", modified.truncatedTo(ChronoUnit.MILLIS).toString());
        meta.put("location", location);
        meta.put("version", etag(version));
    }
}
