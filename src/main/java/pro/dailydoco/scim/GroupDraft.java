package pro.dailydoco.scim;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A group's writable attributes and members, from a POST or PUT body or changed by PATCH operations. */
final class GroupDraft {

    private static final Pattern MEMBER_FILTER = Pattern.compile("^members\\s*\\[\\s*value\\s+eq\\s+\"([^\"]*)\"\\s*]$", Pattern.CASE_INSENSITIVE);

    String displayName;
    String externalId;
    final Set<UUID> members = new LinkedHashSet<>();

    static GroupDraft of(ScimGroup group, Set<UUID> members) {
        GroupDraft draft = new GroupDraft();
        draft.displayName = group.displayName;
        draft.externalId = group.externalId;
        draft.members.addAll(members);
        return draft;
    }

    static GroupDraft fromBody(ObjectNode body) {
        GroupDraft draft = new GroupDraft();
        draft.displayName = ScimJson.text(ScimJson.get(body, "displayName"), "displayName");
        draft.externalId = ScimJson.text(ScimJson.get(body, "externalId"), "externalId");
        JsonNode members = ScimJson.get(body, "members");
        if (members != null && !members.isNull()) {
            draft.members.addAll(memberIds(members));
        }
        draft.requireName();
        return draft;
    }

    void apply(Iterable<ScimPatch.Operation> operations, UUID id) {
        ScimPatch.apply(operations, (op, path, value) -> set(op, path, value, id));
        requireName();
    }

    private void set(ScimPatch.Op op, String path, JsonNode value, UUID id) {
        String attribute = ScimPatch.attribute(path, ScimRepresentation.GROUP_SCHEMA);
        Matcher oneMember = MEMBER_FILTER.matcher(attribute);
        if (oneMember.matches()) {
            if (op != ScimPatch.Op.REMOVE) {
                throw ScimException.invalidPath("A members[value eq \"…\"] path is for remove; add members with the path members.");
            }
            members.remove(ScimUserService.uuidOrNone(oneMember.group(1)));
            return;
        }
        switch (attribute) {
            case "members" -> {
                switch (op) {
                    case ADD -> members.addAll(memberIds(value));
                    case REPLACE -> {
                        members.clear();
                        members.addAll(memberIds(value));
                    }
                    case REMOVE -> {
                        if (value == null || value.isNull()) {
                            members.clear();
                        } else {
                            memberIds(value).forEach(members::remove);
                        }
                    }
                }
            }
            case "displayname" -> displayName = op == ScimPatch.Op.REMOVE ? null : ScimJson.text(value, "displayName");
            case "externalid" -> externalId = op == ScimPatch.Op.REMOVE ? null : ScimJson.text(value, "externalId");
            case "id" -> {
                if (op == ScimPatch.Op.REMOVE || !id.toString().equalsIgnoreCase(value == null ? "" : value.asText())) {
                    throw ScimException.mutability("'id' is assigned by this service and can't change.");
                }
            }
            default -> {
                if (attribute.isEmpty()) {
                    throw ScimException.invalidPath("An operation's path is empty.");
                }
                // Attributes this service does not keep are ignored, as for users.
            }
        }
    }

    private void requireName() {
        if (displayName == null) {
            throw ScimException.invalidValue("'displayName' is required: it is what the single sign-on role mapping names.");
        }
    }

    /** {@code [{"value": "<user id>"}, …]} (a single object is read as a list of one, as some clients send it). */
    static Set<UUID> memberIds(JsonNode value) {
        Set<UUID> ids = new LinkedHashSet<>();
        if (value == null || value.isNull()) {
            return ids;
        }
        Iterable<JsonNode> items = value.isArray() ? value : java.util.List.of(value);
        for (JsonNode item : items) {
            JsonNode member = item.isObject() ? ScimJson.get(item, "value") : null;
            if (member == null || !member.isTextual()) {
                throw ScimException.invalidValue("Each member must be an object with the user's id as 'value'.");
            }
            try {
                ids.add(UUID.fromString(member.asText().trim()));
            } catch (IllegalArgumentException e) {
                throw ScimException.invalidValue("'" + ScimJson.checked(member.asText(), "members.value") + "' is not a user id of this service.");
            }
        }
        return ids;
    }
}
