package pro.dailydoco.account;

import java.time.Instant;
import java.util.UUID;

/**
 * Someone joined a workspace, had their role changed, or left it. Fired synchronously inside the transaction that made
 * the change, in that workspace's scope, so an observer's writes (outgoing webhooks' deliveries) commit or roll back
 * with it. Carries what the workspace's own integrations may see of the member (the members API's fields).
 *
 * @param previousRole the role before a change; null when the member joined or left
 */
public record MemberChanged(UUID tenantId, Change change, UUID membershipId, UUID userId, String email,
        String displayName, Role role, Role previousRole, Instant at) {

    public enum Change {
        CREATED,
        UPDATED,
        DELETED
    }
}
