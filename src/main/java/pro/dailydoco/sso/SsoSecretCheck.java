package pro.dailydoco.sso;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import pro.dailydoco.tenant.ScopedWork;
import pro.dailydoco.tenant.Tenant;
import pro.dailydoco.tenant.TenantDefinitions;

/**
 * A workspace whose tenant file declares single sign-on, while the environment variable that should hold its client
 * secret is not set, has no SSO and no enforcement: its people fall back to passwords, which is safe (never a
 * lock-out) but must not go unnoticed. Said at start-up (a warning in the log), on the workspace's SSO page and on the
 * operator's tenants page (docs/decisions/0138-sso-settings-that-lock-nobody-out.md).
 */
@ApplicationScoped
public class SsoSecretCheck {

    /** A workspace whose SSO is off for want of {@code variable}. */
    public record MissingSecret(UUID tenantId, String slug, String variable) {
    }

    private final SsoSettingsService settings;
    private final ScopedWork scopedWork;

    SsoSecretCheck(SsoSettingsService settings, ScopedWork scopedWork) {
        this.settings = settings;
        this.scopedWork = scopedWork;
    }

    void onStart(@Observes @Priority(TenantDefinitions.STARTUP_PRIORITY + 2) StartupEvent event) {
        for (MissingSecret missing : missing()) {
            // Names only: the variable's name and the workspace's slug, never a value.
            Log.warnf("Workspace %s declares single sign-on in its tenant file, but the environment variable %s is not set:"
                    + " its single sign-on and its enforcement are OFF (people sign in with passwords) until it is set",
                    missing.slug(), missing.variable());
        }
    }

    /** Every workspace whose declared SSO lacks its secret, by slug. */
    public List<MissingSecret> missing() {
        List<Tenant> declared = scopedWork.asTenant(null, () -> Tenant.<Tenant>list("sso is not null order by slug"));
        return declared.stream().map(this::missingFor).flatMap(Optional::stream).toList();
    }

    /** The workspace's declared SSO lacks its secret (and the SSO page supplied none either). */
    public Optional<MissingSecret> missingFor(Tenant tenant) {
        Optional<String> variable = SsoSettingsService.yaml(tenant).map(s -> s.clientSecretEnv() == null ? "" : s.clientSecretEnv());
        if (variable.isEmpty() || settings.forTenant(tenant.id).map(s -> s.clientSecret().isPresent()).orElse(true)) {
            return Optional.empty();
        }
        return Optional.of(new MissingSecret(tenant.id, tenant.slug, variable.get()));
    }
}
