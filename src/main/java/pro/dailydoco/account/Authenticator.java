package pro.dailydoco.account;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import pro.dailydoco.tenant.Tenant;
import pro.dailydoco.tenant.TenantContext;
import pro.dailydoco.tenant.TenantResolution;

/** Turns a session cookie into the request's {@link CurrentUser}, and looks up memberships for the access rules. */
@ApplicationScoped
public class Authenticator {

    private final WhoIsAsking whoIsAsking;
    private final CurrentUser currentUser;
    private final TenantContext tenantContext;
    private final PlatformOperators operators;

    Authenticator(WhoIsAsking whoIsAsking, CurrentUser currentUser, TenantContext tenantContext, PlatformOperators operators) {
        this.whoIsAsking = whoIsAsking;
        this.currentUser = currentUser;
        this.tenantContext = tenantContext;
        this.operators = operators;
    }

    /**
     * The request's one look-up of who is asking (docs/decisions/0150-who-is-asking-in-one-statement.md): fills the
     * {@link CurrentUser} and the user in the {@link TenantContext}, and returns what it found of the workspace for the
     * tenant rules. In a page's transaction it is the first statement and writes the row-level security settings.
     */
    public WhoIsAsking.Answer identify(String token, TenantResolution.Target target, boolean readOnly) {
        WhoIsAsking.Answer answer;
        try {
            answer = whoIsAsking.lookUp(token, target, readOnly);
        } finally {
            tenantContext.setScopeAwaitsLookup(false);
        }
        currentUser.lookedUp(answer.tenant() == null ? null : answer.tenant().id);
        User user = answer.user();
        tenantContext.setUserId(user == null ? null : user.id);
        if (user != null) {
            currentUser.signIn(user, answer.session(), token, operators.isOperator(user.email), answer.hasPassword());
            currentUser.setWorkspaces(answer.workspaces());
            if (answer.membership() != null) {
                currentUser.setMembership(answer.membership());
            }
        }
        return answer;
    }

    /** Signs in from the session cookie, unless the request's look-up already did. */
    public void signIn(String token) {
        if (!currentUser.isLookedUp()) {
            identify(token, TenantResolution.Target.NONE, false);
        }
    }

    /** The signed-in user's membership in {@code tenant}; an SSO session counts only in its own workspace. */
    @Transactional
    public Optional<Membership> membershipIn(Tenant tenant) {
        if (currentUser.lookedUpMembershipIn(tenant.id)) {
            return currentUser.membership(); // read by the look-up, SSO rule included
        }
        WebSession session = currentUser.session().orElseThrow();
        if (session.ssoTenantId != null && !session.ssoTenantId.equals(tenant.id)) {
            return Optional.empty();
        }
        Optional<Membership> membership = Membership.find(tenant.id, currentUser.id());
        membership.ifPresent(currentUser::setMembership);
        return membership;
    }
}
