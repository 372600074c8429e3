package pro.dailydoco.scim;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import pro.dailydoco.audit.AuditEvent;
import pro.dailydoco.audit.AuditLog;
import pro.dailydoco.sso.SsoSettings;
import pro.dailydoco.sso.SsoSettingsService;

/**
 * SCIM Groups of one workspace. A member's role follows their groups through the same group → role mapping as single
 * sign-on (the SSO page's "Role mapping"), never Owner, and an owner's role is never changed; a change of members is
 * applied to the roles in the same transaction (docs/decisions/0142-scim-groups-map-to-roles.md).
 */
@ApplicationScoped
public class ScimGroupService {

    static final List<String> FILTERABLE = List.of("displayName", "externalId", "id");

    private final SsoSettingsService ssoSettings;
    private final ScimAccess access;
    private final ScimGroupMembers groupMembers;
    private final AuditLog auditLog;
    private final Clock clock;

    ScimGroupService(SsoSettingsService ssoSettings, ScimAccess access, ScimGroupMembers groupMembers, AuditLog auditLog, Clock clock) {
        this.ssoSettings = ssoSettings;
        this.access = access;
        this.groupMembers = groupMembers;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    ScimUserService.Answer create(ScimCaller caller, ObjectNode body, String base) {
        GroupDraft draft = GroupDraft.fromBody(body);
        SsoSettings settings = ssoSettings.forTenant(caller.tenantId()).orElse(null);
        UUID id = ScimTransactions.inTransaction(() -> {
            requireUniqueName(draft.displayName, null);
            Instant now = clock.instant();
            ScimGroup group = new ScimGroup();
            group.id = UUID.randomUUID();
            group.tenantId = caller.tenantId().toString();
            group.displayName = draft.displayName;
            group.externalId = draft.externalId;
            group.version = 1;
            group.createdAt = now;
            group.updatedAt = now;
            group.persist();
            group.flush();
            store(caller, group, Set.of(), draft, settings, "scim.group-created");
            return group.id;
        });
        return read(id, base);
    }

    ScimUserService.Answer get(UUID id, String base) {
        return read(id, base);
    }

    ObjectNode list(String filter, ScimPage page, String base, String attributes, String excludedAttributes) {
        ScimFilter where = ScimFilter.parse(filter, ScimRepresentation.GROUP_SCHEMA, FILTERABLE);
        return QuarkusTransaction.requiringNew().call(() -> {
            PanacheQuery<ScimGroup> query = query(where);
            long total = query.count();
            List<ScimGroup> groups = page.count() == 0 ? List.of()
                    : query.range(page.offset(), page.offset() + page.count() - 1).list();
            Map<UUID, List<ScimGroupMembers.Member>> members = groupMembers.of(groups.stream().map(g -> g.id).toList());
            return ScimRepresentation.list(groups.stream().map(g -> ScimRepresentation.project(
                    ScimRepresentation.group(g, members.getOrDefault(g.id, List.of()), base), attributes, excludedAttributes)).toList(),
                    total, page);
        });
    }

    ScimUserService.Answer replace(ScimCaller caller, UUID id, ObjectNode body, String ifMatch, String base) {
        GroupDraft draft = GroupDraft.fromBody(body);
        SsoSettings settings = ssoSettings.forTenant(caller.tenantId()).orElse(null);
        ScimTransactions.inTransaction(() -> {
            ScimGroup group = lockedGroup(id, ifMatch);
            store(caller, group, currentMembers(group), draft, settings, "scim.group-updated");
            return null;
        });
        return read(id, base);
    }

    ScimUserService.Answer patch(ScimCaller caller, UUID id, ObjectNode body, String ifMatch, String base) {
        List<ScimPatch.Operation> operations = ScimPatch.operations(body);
        SsoSettings settings = ssoSettings.forTenant(caller.tenantId()).orElse(null);
        ScimTransactions.inTransaction(() -> {
            ScimGroup group = lockedGroup(id, ifMatch);
            Set<UUID> before = currentMembers(group);
            GroupDraft draft = GroupDraft.of(group, before);
            draft.apply(operations, group.id);
            store(caller, group, before, draft, settings, "scim.group-updated");
            return null;
        });
        return read(id, base);
    }

    void delete(ScimCaller caller, UUID id, String ifMatch) {
        SsoSettings settings = ssoSettings.forTenant(caller.tenantId()).orElse(null);
        ScimTransactions.inTransaction(() -> {
            ScimGroup group = lockedGroup(id, ifMatch);
            Set<UUID> former = currentMembers(group);
            group.delete();
            group.flush();
            syncMembers(caller, former, settings);
            auditLog.record(caller.tenantId(), AuditEvent.system("scim.group-deleted").subjectTenant(caller.tenantId())
                    .target("scim-group", id.toString()).detail("members", former.size()).detail("token", caller.tokenPrefix()).build());
            return null;
        });
    }

    /** Writes the draft over the group: name, external id, members; then the roles of everyone who joined or left. */
    private void store(ScimCaller caller, ScimGroup group, Set<UUID> before, GroupDraft draft, SsoSettings settings, String action) {
        UUID tenantId = caller.tenantId();
        if (!draft.displayName.equalsIgnoreCase(group.displayName)) {
            requireUniqueName(draft.displayName, group.id);
        }
        Set<UUID> added = new LinkedHashSet<>(draft.members);
        added.removeAll(before);
        Set<UUID> removed = new LinkedHashSet<>(before);
        removed.removeAll(draft.members);
        Set<UUID> unknown = new HashSet<>(added);
        unknown.removeAll(groupMembers.existingUsers(added));
        if (!unknown.isEmpty()) {
            // Another workspace's user ids are not seen here either: the same answer as an id that never existed.
            throw ScimException.invalidValue("No user with the id " + unknown.iterator().next() + " exists in this workspace.");
        }
        boolean renamed = !Objects.equals(group.displayName, draft.displayName);
        boolean changed = renamed || !Objects.equals(group.externalId, draft.externalId) || !added.isEmpty() || !removed.isEmpty();
        if (!changed && !action.equals("scim.group-created")) {
            return;
        }
        group.displayName = draft.displayName;
        group.externalId = draft.externalId;
        if (!action.equals("scim.group-created")) {
            group.version++;
            group.updatedAt = clock.instant();
        }
        groupMembers.add(tenantId, group.id, added);
        groupMembers.remove(group.id, removed);
        // A new name may match another mapping entry: everyone in the group is re-mapped, not only those who moved.
        Set<UUID> affected = new LinkedHashSet<>(renamed ? draft.members : added);
        affected.addAll(removed);
        if (renamed) {
            affected.addAll(before);
        }
        syncMembers(caller, affected, settings);
        auditLog.record(tenantId, AuditEvent.system(action).subjectTenant(tenantId).target("scim-group", group.id.toString())
                .detail("added", added.size()).detail("removed", removed.size()).detail("renamed", renamed)
                .detail("token", caller.tokenPrefix()).build());
    }

    /**
     * Re-maps the roles of these users from the groups they are in now, and bumps their versions (their groups
     * attribute changed). A few statements whatever the number of users: a directory adds hundreds in one PATCH.
     */
    private void syncMembers(ScimCaller caller, Set<UUID> scimUserIds, SsoSettings settings) {
        List<ScimUser> users = ScimUser.forUpdate(scimUserIds);
        if (users.isEmpty()) {
            return;
        }
        ScimUser.update("version = version + 1, updatedAt = ?1 where id in ?2", clock.instant(),
                users.stream().map(u -> u.id).toList());
        List<ScimUser> active = users.stream().filter(u -> u.active).toList();
        Map<UUID, List<ScimGroupMembers.GroupRef>> groups = groupMembers.groupsOf(active.stream().map(u -> u.id).toList());
        Map<UUID, List<String>> groupNames = new LinkedHashMap<>();
        for (ScimUser user : active) {
            groupNames.put(user.userId, groups.getOrDefault(user.id, List.of()).stream()
                    .map(ScimGroupMembers.GroupRef::displayName).toList());
        }
        access.syncRoles(caller.tenantId(), groupNames, settings, caller.tokenPrefix());
    }

    private ScimGroup lockedGroup(UUID id, String ifMatch) {
        ScimGroup group = ScimGroup.forUpdate(id).orElseThrow(() -> ScimException.notFound("There is no group " + id + " in this workspace."));
        ScimUserService.checkVersion(ifMatch, group.version);
        return group;
    }

    private Set<UUID> currentMembers(ScimGroup group) {
        return groupMembers.of(group.id).stream().map(ScimGroupMembers.Member::scimUserId).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static void requireUniqueName(String displayName, UUID except) {
        ScimGroup.byDisplayName(displayName).filter(other -> !other.id.equals(except)).ifPresent(other -> {
            throw ScimException.uniqueness("A group named " + displayName + " already exists in this workspace.");
        });
    }

    private ScimUserService.Answer read(UUID id, String base) {
        return QuarkusTransaction.requiringNew().call(() -> {
            ScimGroup group = ScimGroup.<ScimGroup>findByIdOptional(id)
                    .orElseThrow(() -> ScimException.notFound("There is no group " + id + " in this workspace."));
            return new ScimUserService.Answer(ScimRepresentation.group(group, groupMembers.of(group.id), base),
                    ScimRepresentation.etag(group.version), base + "/Groups/" + group.id);
        });
    }

    private static PanacheQuery<ScimGroup> query(ScimFilter where) {
        if (where == null) {
            return ScimGroup.find("order by createdAt, id");
        }
        return switch (where.attribute()) {
            case "displayName" -> ScimGroup.find("lower(displayName) = lower(?1) order by createdAt, id", where.value());
            case "externalId" -> ScimGroup.find("externalId = ?1 order by createdAt, id", where.value());
            default -> ScimGroup.find("id = ?1 order by createdAt, id", ScimUserService.uuidOrNone(where.value()));
        };
    }
}
