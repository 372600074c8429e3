package pro.dailydoco.scim;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import pro.dailydoco.account.Offboarding;
import pro.dailydoco.account.UnverifiedAccounts;
import pro.dailydoco.account.User;
import pro.dailydoco.account.UserSignedUp;
import pro.dailydoco.account.WorkspaceOwners;
import pro.dailydoco.audit.AuditEvent;
import pro.dailydoco.audit.AuditLog;
import pro.dailydoco.sso.SsoSettings;
import pro.dailydoco.sso.SsoSettingsService;

/**
 * SCIM Users of one workspace (RFC 7644 §3.3–3.6): provisioning creates the account when it is missing (no password:
 * the person signs in through single sign-on) and the membership; deactivation ends the person's sessions and access
 * at once; the Owner role is never given or taken (docs/decisions/0141-scim-deactivation-removes-the-membership.md).
 * Each change is one transaction in the workspace's scope, audited on its chain with the token's prefix.
 */
@ApplicationScoped
public class ScimUserService {

    /** A resource as answered, with its ETag. */
    record Answer(ObjectNode resource, String etag, String location) {
    }

    static final List<String> FILTERABLE = List.of("userName", "externalId", "id", "emails.value", "active");

    private final SsoSettingsService ssoSettings;
    private final ScimAccess access;
    private final ScimGroupMembers groupMembers;
    private final UnverifiedAccounts unverifiedAccounts;
    private final WorkspaceOwners workspaceOwners;
    private final AuditLog auditLog;
    private final Event<UserSignedUp> signedUp;
    private final Clock clock;

    ScimUserService(SsoSettingsService ssoSettings, ScimAccess access, ScimGroupMembers groupMembers,
            UnverifiedAccounts unverifiedAccounts, WorkspaceOwners workspaceOwners, AuditLog auditLog,
            Event<UserSignedUp> signedUp, Clock clock) {
        this.ssoSettings = ssoSettings;
        this.access = access;
        this.groupMembers = groupMembers;
        this.unverifiedAccounts = unverifiedAccounts;
        this.workspaceOwners = workspaceOwners;
        this.auditLog = auditLog;
        this.signedUp = signedUp;
        this.clock = clock;
    }

    Answer create(ScimCaller caller, ObjectNode body, String base) {
        UUID tenantId = caller.tenantId();
        SsoSettings settings = ssoSettings.forTenant(tenantId).orElse(null);
        UserDraft draft = UserDraft.fromBody(body);
        // The workspace proved it controls the domain, as for single sign-on's first sign-in: the directory speaks for
        // addresses there, and an address there is as proven as one an IdP verified.
        String email = draft.checkedEmail(settings == null ? List.of() : settings.emailDomains());
        boolean active = draft.active == null || draft.active;
        ScimUser created = ScimTransactions.inTransaction(() -> {
            if (ScimUser.byUserName(email).isPresent()) {
                throw ScimException.uniqueness("A user with userName " + email + " already exists in this workspace.");
            }
            Instant now = clock.instant();
            User account = User.findByEmail(email).orElse(null);
            boolean newAccount = account == null;
            if (newAccount) {
                account = newAccount(email, draft, tenantId, now);
            } else {
                if (!account.isActive()) {
                    throw ScimException.invalidValue("The account " + email + " is disabled on this platform; contact support.");
                }
                if (ScimUser.byAccount(account.id).isPresent()) {
                    throw ScimException.uniqueness("This account is already provisioned in this workspace under another userName.");
                }
                unverifiedAccounts.handOverToVerifiedOwner(account, "scim", tenantId);
                account.displayName = draft.accountDisplayName(email);
                account.updatedAt = now;
            }
            ScimUser user = new ScimUser();
            user.id = UUID.randomUUID();
            user.tenantId = tenantId.toString();
            user.userId = account.id;
            user.userName = email;
            user.externalId = draft.externalId;
            user.givenName = draft.givenName;
            user.familyName = draft.familyName;
            user.displayName = draft.displayName;
            user.active = active;
            user.version = 1;
            user.createdAt = now;
            user.updatedAt = now;
            user.persist();
            if (active) {
                access.grant(tenantId, account.id, List.of(), settings, caller.tokenPrefix());
            }
            auditLog.record(tenantId, AuditEvent.system("scim.user-created").subjectTenant(tenantId)
                    .target("scim-user", user.id.toString()).detail("user", account.id).detail("active", active)
                    .detail("account", newAccount ? "created" : "existing").detail("token", caller.tokenPrefix()).build());
            if (newAccount) {
                auditLog.recordPlatform(AuditEvent.system("account.signed-up").target("user", account.id.toString())
                        .subjectTenant(tenantId).detail("via", "scim").build());
                // Platform sign-up roll-ups and the person's own referral code, like every other sign-up; no
                // attribution: the employer's directory created this account, not a referral link.
                signedUp.fire(new UserSignedUp(account.id, email, tenantId, false, null, null, null));
            }
            return user;
        });
        if (active) {
            // A tenant file may list this address as an owner (docs/decisions/0112-owners-declared-in-tenant-files.md).
            workspaceOwners.grantFor(created.userId);
        }
        return read(created.id, base);
    }

    Answer get(UUID id, String base) {
        return read(id, base);
    }

    ObjectNode list(String filter, ScimPage page, String base, String attributes, String excludedAttributes) {
        ScimFilter where = ScimFilter.parse(filter, ScimRepresentation.USER_SCHEMA, FILTERABLE);
        return QuarkusTransaction.requiringNew().call(() -> {
            PanacheQuery<ScimUser> query = query(where);
            long total = query.count();
            List<ScimUser> users = page.count() == 0 ? List.of()
                    : query.range(page.offset(), page.offset() + page.count() - 1).list();
            Map<UUID, List<ScimGroupMembers.GroupRef>> groups = groupMembers.groupsOf(users.stream().map(u -> u.id).toList());
            return ScimRepresentation.list(users.stream().map(u -> ScimRepresentation.project(
                    ScimRepresentation.user(u, groups.getOrDefault(u.id, List.of()), base), attributes, excludedAttributes)).toList(),
                    total, page);
        });
    }

    Answer replace(ScimCaller caller, UUID id, ObjectNode body, String ifMatch, String base) {
        SsoSettings settings = ssoSettings.forTenant(caller.tenantId()).orElse(null);
        UserDraft draft = UserDraft.fromBody(body);
        return change(caller, id, ifMatch, base, settings, user -> {
            if (draft.active == null) {
                draft.active = user.active; // a PUT that leaves active out does not deactivate anyone
            }
            return draft;
        });
    }

    Answer patch(ScimCaller caller, UUID id, ObjectNode body, String ifMatch, String base) {
        List<ScimPatch.Operation> operations = ScimPatch.operations(body);
        SsoSettings settings = ssoSettings.forTenant(caller.tenantId()).orElse(null);
        return change(caller, id, ifMatch, base, settings, user -> {
            UserDraft draft = UserDraft.of(user);
            draft.apply(operations, user.id);
            return draft;
        });
    }

    void delete(ScimCaller caller, UUID id, String ifMatch) {
        UUID tenantId = caller.tenantId();
        ScimTransactions.inTransaction(() -> {
            ScimUser user = ScimUser.forUpdate(id).orElseThrow(() -> ScimException.notFound("There is no user " + id + " in this workspace."));
            checkVersion(ifMatch, user.version);
            ScimAccess.Withdrawal withdrawal = access.withdraw(tenantId, user.userId, Offboarding.Cause.SCIM_DELETED, caller.tokenPrefix());
            List<UUID> groups = groupMembers.groupsOf(user.id).stream().map(ScimGroupMembers.GroupRef::groupId).toList();
            if (!groups.isEmpty()) {
                // Their groups lose a member (the rows go with the user): their representations, so their ETags, change.
                ScimGroup.update("version = version + 1, updatedAt = ?1 where id in ?2", clock.instant(), groups);
            }
            user.delete();
            auditLog.record(tenantId, AuditEvent.system("scim.user-deleted").subjectTenant(tenantId)
                    .target("scim-user", id.toString()).detail("user", user.userId).detail("membership", withdrawal.name())
                    .detail("token", caller.tokenPrefix()).build());
            return null;
        });
    }

    private interface DraftOf {
        UserDraft of(ScimUser user);
    }

    private Answer change(ScimCaller caller, UUID id, String ifMatch, String base, SsoSettings settings, DraftOf drafting) {
        UUID tenantId = caller.tenantId();
        boolean[] reactivated = {false};
        ScimUser changed = ScimTransactions.inTransaction(() -> {
            ScimUser user = ScimUser.forUpdate(id).orElseThrow(() -> ScimException.notFound("There is no user " + id + " in this workspace."));
            checkVersion(ifMatch, user.version);
            UserDraft draft = drafting.of(user);
            if (draft.userName == null) {
                throw ScimException.invalidValue("'userName' is required.");
            }
            if (!User.normaliseEmail(draft.userName).equals(user.userName)) {
                // It is the account's sign-in email, shared with every workspace the person belongs to.
                throw ScimException.mutability("userName is the person's sign-in email and can't change through SCIM. To move"
                        + " someone to a new address, delete this user and provision the new address.");
            }
            reactivated[0] = apply(caller, user, draft, settings);
            return user;
        });
        if (reactivated[0]) {
            workspaceOwners.grantFor(changed.userId);
        }
        return read(id, base);
    }

    /** Stores the draft; returns true when it reactivated the user. Changes nothing (not even the version) when equal. */
    private boolean apply(ScimCaller caller, ScimUser user, UserDraft draft, SsoSettings settings) {
        UUID tenantId = caller.tenantId();
        boolean nameChanged = !Objects.equals(user.givenName, draft.givenName) || !Objects.equals(user.familyName, draft.familyName)
                || !Objects.equals(user.displayName, draft.displayName);
        boolean activeChanged = user.active != draft.active;
        if (!nameChanged && !activeChanged && Objects.equals(user.externalId, draft.externalId)) {
            return false;
        }
        Instant now = clock.instant();
        user.externalId = draft.externalId;
        user.givenName = draft.givenName;
        user.familyName = draft.familyName;
        user.displayName = draft.displayName;
        user.version++;
        user.updatedAt = now;
        if (nameChanged) {
            User account = User.findById(user.userId);
            account.displayName = draft.accountDisplayName(user.userName);
            account.updatedAt = now;
        }
        String action = "scim.user-updated";
        String membership = "unchanged";
        if (activeChanged && !draft.active) {
            user.active = false;
            action = "scim.user-deactivated";
            membership = access.withdraw(tenantId, user.userId, Offboarding.Cause.SCIM_DEACTIVATED, caller.tokenPrefix()).name();
        } else if (activeChanged) {
            user.active = true;
            action = "scim.user-reactivated";
            access.grant(tenantId, user.userId, groupMembers.groupsOf(user.id).stream().map(ScimGroupMembers.GroupRef::displayName).toList(),
                    settings, caller.tokenPrefix());
        }
        auditLog.record(tenantId, AuditEvent.system(action).subjectTenant(tenantId).target("scim-user", user.id.toString())
                .detail("user", user.userId).detail("membership", membership).detail("token", caller.tokenPrefix()).build());
        return activeChanged && draft.active;
    }

    private Answer read(UUID id, String base) {
        return QuarkusTransaction.requiringNew().call(() -> {
            ScimUser user = ScimUser.<ScimUser>findByIdOptional(id)
                    .orElseThrow(() -> ScimException.notFound("There is no user " + id + " in this workspace."));
            return new Answer(ScimRepresentation.user(user, groupMembers.groupsOf(user.id), base),
                    ScimRepresentation.etag(user.version), base + "/Users/" + user.id);
        });
    }

    private static PanacheQuery<ScimUser> query(ScimFilter where) {
        if (where == null) {
            return ScimUser.find("order by createdAt, id");
        }
        return switch (where.attribute()) {
            case "userName", "emails.value" -> ScimUser.find("userName = ?1 order by createdAt, id", User.normaliseEmail(where.value()));
            case "externalId" -> ScimUser.find("externalId = ?1 order by createdAt, id", where.value());
            case "active" -> ScimUser.find("active = ?1 order by createdAt, id", Boolean.parseBoolean(where.value()));
            default -> ScimUser.find("id = ?1 order by createdAt, id", uuidOrNone(where.value()));
        };
    }

    static UUID uuidOrNone(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return new UUID(0, 0);
        }
    }

    /** If-Match (RFC 7644 §3.14): absent or {@code *} always matches; otherwise one of the listed ETags must. */
    static void checkVersion(String ifMatch, long version) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return;
        }
        String current = ScimRepresentation.etag(version);
        for (String tag : ifMatch.split(",")) {
            String candidate = tag.trim();
            if (candidate.equals("*") || candidate.equals(current) || ("W/" + candidate).equals(current)) {
                return;
            }
        }
        throw ScimException.versionMismatch();
    }

    private User newAccount(String email, UserDraft draft, UUID tenantId, Instant now) {
        User account = new User();
        account.id = UUID.randomUUID();
        account.email = email;
        account.displayName = draft.accountDisplayName(email);
        account.emailVerifiedAt = now;
        account.homeTenantId = tenantId;
        account.createdAt = now;
        account.updatedAt = now;
        account.persist();
        return account;
    }
}
