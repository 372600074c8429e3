package pro.dailydoco.scim;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import pro.dailydoco.account.Membership;
import pro.dailydoco.account.Role;
import pro.dailydoco.sso.SsoSettings;
import pro.dailydoco.sso.SsoSettingsService;

/** What the SCIM page shows: the token (never its secret), what the directory provisioned, and what needs a person. */
@ApplicationScoped
public class ScimOverview {

    /**
     * @param ownersKept owners the directory deactivated or deleted: still owners (SCIM never removes one), for the
     *        workspace's owners to decide about on the members page
     * @param domains the verified domains provisioning may create accounts in; empty means it can create nobody yet
     */
    public record Overview(Optional<ScimTokens.Shown> token, long users, long activeUsers, long groups,
            List<String> ownersKept, List<String> domains) {
    }

    private final ScimTokens tokens;
    private final SsoSettingsService ssoSettings;

    ScimOverview(ScimTokens tokens, SsoSettingsService ssoSettings) {
        this.tokens = tokens;
        this.ssoSettings = ssoSettings;
    }

    /** For the workspace in context. */
    public Overview of(UUID tenantId) {
        List<String> domains = ssoSettings.forTenant(tenantId).map(SsoSettings::emailDomains).orElse(List.of());
        return counted(tenantId, tokens.live(), domains);
    }

    @Transactional
    Overview counted(UUID tenantId, Optional<ScimTokens.Shown> token, List<String> domains) {
        // Inactive directory users who are still owners of this workspace: from the few owners, not from every person
        // the directory ever deactivated (one membership look-up each).
        List<UUID> owners = Membership.<Membership>list("tenantId = ?1 and role = ?2", tenantId, Role.OWNER).stream()
                .map(m -> m.userId).toList();
        List<String> ownersKept = owners.isEmpty() ? List.of()
                : ScimUser.<ScimUser>list("active = false and userId in ?1 order by userName", owners).stream()
                        .map(u -> u.userName).toList();
        long users = ScimUser.count();
        long active = ScimUser.count("active", true);
        return new Overview(token, users, active, ScimGroup.count(), ownersKept, domains);
    }
}
