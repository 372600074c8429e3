package pro.dailydoco.scim;

import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import pro.dailydoco.account.User;

/**
 * The writable attributes of a SCIM user, read from a POST or PUT body or changed by PATCH operations. Attributes this
 * service does not keep (phone numbers, addresses, the enterprise extension, a password) are accepted and ignored, as
 * directories send whatever their mapping holds; attributes it keeps are checked strictly.
 */
final class UserDraft {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$");

    String userName;
    String externalId;
    String givenName;
    String familyName;
    String displayName;
    Boolean active;

    static UserDraft of(ScimUser user) {
        UserDraft draft = new UserDraft();
        draft.userName = user.userName;
        draft.externalId = user.externalId;
        draft.givenName = user.givenName;
        draft.familyName = user.familyName;
        draft.displayName = user.displayName;
        draft.active = user.active;
        return draft;
    }

    /** A POST or PUT body: every writable attribute as the body has it ({@code active} absent: unchanged, or true). */
    static UserDraft fromBody(ObjectNode body) {
        UserDraft draft = new UserDraft();
        draft.userName = ScimJson.text(ScimJson.get(body, "userName"), "userName");
        draft.externalId = ScimJson.text(ScimJson.get(body, "externalId"), "externalId");
        draft.displayName = ScimJson.text(ScimJson.get(body, "displayName"), "displayName");
        draft.active = ScimJson.bool(ScimJson.get(body, "active"), "active");
        JsonNode name = ScimJson.get(body, "name");
        if (name != null && !name.isNull()) {
            draft.setName(name, true);
        }
        return draft;
    }

    /** Applies the operations in order; throws before the caller stores anything when one is invalid. */
    void apply(Iterable<ScimPatch.Operation> operations, UUID id) {
        ScimPatch.apply(operations, (op, path, value) -> set(op, path, value, id));
    }

    private void set(ScimPatch.Op op, String path, JsonNode value, UUID id) {
        boolean remove = op == ScimPatch.Op.REMOVE;
        String attribute = ScimPatch.attribute(path, ScimRepresentation.USER_SCHEMA);
        switch (attribute) {
            case "active" -> {
                if (remove) {
                    throw ScimException.mutability("'active' can't be removed; set it to false to deactivate the user.");
                }
                Boolean flag = ScimJson.bool(value, "active");
                if (flag == null) {
                    throw ScimException.invalidValue("'active' must be true or false.");
                }
                active = flag;
            }
            case "username" -> {
                String text = remove ? null : ScimJson.text(value, "userName");
                if (text == null) {
                    throw ScimException.invalidValue("'userName' is required and can't be removed.");
                }
                userName = text;
            }
            case "externalid" -> externalId = remove ? null : ScimJson.text(value, "externalId");
            case "displayname" -> displayName = remove ? null : ScimJson.text(value, "displayName");
            case "name" -> {
                if (remove) {
                    givenName = null;
                    familyName = null;
                } else {
                    setName(value, false);
                }
            }
            case "name.givenname" -> givenName = remove ? null : ScimJson.text(value, "name.givenName");
            case "name.familyname" -> familyName = remove ? null : ScimJson.text(value, "name.familyName");
            case "groups" -> throw ScimException.mutability("'groups' is read-only on a user; change the group's members instead.");
            case "id" -> {
                if (remove || !id.toString().equalsIgnoreCase(value == null ? "" : value.asText())) {
                    throw ScimException.mutability("'id' is assigned by this service and can't change.");
                }
            }
            default -> {
                // Not kept here (emails follow userName; phone numbers, the enterprise extension, passwords...).
                if (attribute.isEmpty()) {
                    throw ScimException.invalidPath("An operation's path is empty.");
                }
            }
        }
    }

    /**
     * name's sub-attributes; those not given are left as they are (RFC 7644 §3.5.2.3), except in a whole POST or PUT
     * body ({@code wholeResource}), which replaces the name.
     */
    private void setName(JsonNode name, boolean wholeResource) {
        if (!name.isObject()) {
            throw ScimException.invalidValue("'name' must be an object (givenName, familyName).");
        }
        JsonNode given = ScimJson.get(name, "givenName");
        JsonNode family = ScimJson.get(name, "familyName");
        if (wholeResource || given != null) {
            givenName = ScimJson.text(given, "name.givenName");
        }
        if (wholeResource || family != null) {
            familyName = ScimJson.text(family, "name.familyName");
        }
        if (givenName == null && familyName == null && displayName == null) {
            displayName = ScimJson.text(ScimJson.get(name, "formatted"), "name.formatted");
        }
    }

    /** userName as the account's email: required, lower case, an address in one of {@code domains}. */
    String checkedEmail(java.util.Collection<String> domains) {
        if (userName == null) {
            throw ScimException.invalidValue("'userName' is required: the person's work email address.");
        }
        String email = User.normaliseEmail(userName);
        if (!EMAIL.matcher(email).matches()) {
            throw ScimException.invalidValue("'userName' must be the person's email address (it becomes their sign-in email).");
        }
        String domain = email.substring(email.indexOf('@') + 1).toLowerCase(Locale.ROOT);
        if (!domains.contains(domain)) {
            throw ScimException.invalidValue("The domain " + domain + " is not one of this workspace's verified single sign-on"
                    + " domains, so no account can be provisioned for it. Verify the domain on the workspace's single sign-on"
                    + " page first.");
        }
        return email;
    }

    /** What the account shows as the person's name: at most 100 characters, as single sign-on stores it. */
    String accountDisplayName(String email) {
        String name = displayName;
        if (name == null) {
            String joined = ((givenName == null ? "" : givenName) + " " + (familyName == null ? "" : familyName)).trim();
            name = joined.isEmpty() ? email.substring(0, email.indexOf('@')) : joined;
        }
        return pro.dailydoco.core.Text.truncate(name, 100);
    }
}
