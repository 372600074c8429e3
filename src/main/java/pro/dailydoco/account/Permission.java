package pro.dailydoco.account;

/** Things a member may do inside a workspace; {@link Role} says who may do which. */
public enum Permission {
    WORKSPACE_VIEW,
    PROJECTS_EDIT,
    MEMBERS_VIEW,
    MEMBERS_MANAGE,
    OWNERSHIP_TRANSFER,
    BILLING_MANAGE,
    SSO_MANAGE,
    AUDIT_VIEW,
    /** Resetting another member's second factor (they lost their authenticator): owners only. */
    SECOND_FACTOR_RESET,
    /** Registering outgoing webhook endpoints and reading their delivery log: owners and admins. */
    WEBHOOKS_MANAGE,
    /** Creating, rotating and revoking the workspace's API keys: owners and admins. */
    API_KEYS_MANAGE
}
