package pro.dailydoco.account;

import java.util.EnumSet;
import java.util.Set;

import static pro.dailydoco.account.Permission.*;

/** A member's role in a workspace, and what it may do (the permission matrix in docs/accounts.md is this table). */
public enum Role {
    OWNER(EnumSet.allOf(Permission.class)),
    ADMIN(EnumSet.of(WORKSPACE_VIEW, PROJECTS_EDIT, MEMBERS_VIEW, MEMBERS_MANAGE, BILLING_MANAGE, SSO_MANAGE, AUDIT_VIEW,
            WEBHOOKS_MANAGE, API_KEYS_MANAGE)),
    MEMBER(EnumSet.of(WORKSPACE_VIEW, PROJECTS_EDIT)),
    BILLING(EnumSet.of(WORKSPACE_VIEW, BILLING_MANAGE));

    private final Set<Permission> permissions;

    Role(Set<Permission> permissions) {
        this.permissions = permissions;
    }

    public boolean can(Permission permission) {
        return permissions.contains(permission);
    }

    public String label() {
        return name().charAt(0) + name().substring(1).toLowerCase();
    }

    /** Roles an invitation may carry: ownership is only ever transferred, never invited. */
    public static Set<Role> invitable() {
        return EnumSet.of(ADMIN, MEMBER, BILLING);
    }
}
