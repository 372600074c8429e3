package pro.dailydoco.account;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import pro.dailydoco.tenant.Tenant;
import pro.dailydoco.tenant.TenantContext;

/** Turns a session cookie into the request's {@link CurrentUser}, and looks up memberships for the access rules. */
@ApplicationScoped
public class Authenticator {

    /** One active workspace the user belongs to, as the sign-in query selects it. */
    public record MembershipRow(UUID tenantId, String slug, String name, Role role) {
    }

    private final SessionService sessions;
    private final CurrentUser currentUser;
    private final TenantContext tenantContext;
    private final AccountConfig config;
    private final EntityManager entityManager;

    Authenticator(SessionService sessions, CurrentUser currentUser, TenantContext tenantContext, AccountConfig config,
            EntityManager entityManager) {
        this.sessions = sessions;
        this.currentUser = currentUser;
        this.tenantContext = tenantContext;
        this.config = config;
        this.entityManager = entityManager;
    }

    public void signIn(String token) {
        Optional<WebSession> session = sessions.resume(token);
        if (session.isEmpty()) {
            return;
        }
        // Set before the next transaction starts, so row-level security sees the user.
        tenantContext.setUserId(session.get().ownerUserId);
        loadUser(session.get(), token);
    }

    @Transactional
    void loadUser(WebSession session, String token) {
        User user = User.findById(session.ownerUserId);
        if (user == null || !user.isActive()) {
            tenantContext.setUserId(null);
            return;
        }
        boolean operator = config.operatorEmails().orElse(List.of()).stream()
                .map(e -> e.trim().toLowerCase(Locale.ROOT))
                .anyMatch(user.email::equals);
        currentUser.signIn(user, session, token, operator);
        List<MembershipRow> rows = entityManager.createQuery("""
                select new pro.dailydoco.account.Authenticator$MembershipRow(t.id, t.slug, t.displayName, m.role)
                from Membership m, Tenant t
                where t.id = m.tenantId and m.userId = ?1 and t.status = pro.dailydoco.tenant.TenantStatus.ACTIVE
                order by t.displayName""", MembershipRow.class)
                .setParameter(1, user.id)
                .getResultList();
        currentUser.setWorkspaces(rows.stream()
                .filter(r -> session.ssoTenantId == null || session.ssoTenantId.equals(r.tenantId()))
                .map(r -> new CurrentUser.Workspace(r.slug(), r.name(), r.role()))
                .toList());
    }

    /** The signed-in user's membership in {@code tenant}; an SSO session counts only in its own workspace. */
    @Transactional
    public Optional<Membership> membershipIn(Tenant tenant) {
        WebSession session = currentUser.session().orElseThrow();
        if (session.ssoTenantId != null && !session.ssoTenantId.equals(tenant.id)) {
            return Optional.empty();
        }
        Optional<Membership> membership = Membership.find(tenant.id, currentUser.id());
        membership.ifPresent(currentUser::setMembership);
        return membership;
    }
}
