package pro.dailydoco.api;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import pro.dailydoco.account.Membership;

/**
 * Whose referral figures a key reads: the person who created it, while they are still a member of the key's workspace.
 * Referral figures are a person's own, not the workspace's; a key outlives its creator's membership (it keeps serving
 * projects and videos), but once they left, or their account is gone, it reads nobody's referrals
 * (docs/decisions/0208-api-referrals-are-the-key-creators.md).
 */
@ApplicationScoped
public class ApiReferralOwner {

    private final ApiCaller caller;

    ApiReferralOwner(ApiCaller caller) {
        this.caller = caller;
    }

    /** The key creator's id, or a 403 problem when they are no longer a member of the key's workspace. */
    @Transactional
    public UUID userId() {
        ApiCaller.Identity identity = caller.identity();
        UUID creator = identity.createdByUserId();
        if (creator == null || Membership.find(identity.tenant().id, creator).isEmpty()) {
            throw new ApiProblem(403, "key-creator-gone", "Key's creator left",
                    "Referral figures belong to the person who created the key, and they are no longer a member of"
                            + " this workspace. Ask them to create a key with the 'referrals' scope in a workspace they"
                            + " belong to.");
        }
        return creator;
    }
}
