package pro.dailydoco.account;

import java.util.UUID;

/**
 * A workspace's directory (SCIM provisioning) that has deactivated a person. Single sign-on asks it before it
 * provisions a membership, so an IdP that still signs the person in never gives back the access the directory took
 * away (docs/decisions/0141-scim-deactivation-removes-the-membership.md). Implemented by the SCIM feature; without
 * it nobody is withdrawn.
 */
public interface DirectoryWithdrawals {

    /** Whether the workspace's directory has deactivated this person. Runs in the caller's transaction and scope. */
    boolean withdrawn(UUID tenantId, UUID userId);
}
