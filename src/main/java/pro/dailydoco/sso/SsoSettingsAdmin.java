package pro.dailydoco.sso;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import pro.dailydoco.audit.AuditEvent;
import pro.dailydoco.audit.AuditLog;
import pro.dailydoco.core.InvalidInput;

/** Saves the SSO settings page: validates, encrypts the secret, bumps the version and audits every change. */
@ApplicationScoped
public class SsoSettingsAdmin {

    /** The page's fields; a blank secret keeps the stored one. Role mapping: one {@code claim-value=ROLE} a line. */
    public record Form(String issuer, String clientId, String clientSecret, String scopes, String defaultRole,
            String roleMapping, boolean enforce) {
    }

    private static final Set<String> SSO_ROLES = Set.of("ADMIN", "MEMBER", "BILLING");

    private final IssuerGuard issuerGuard;
    private final DiscoveryProbe discovery;
    private final SecretBox secretBox;
    private final AuditLog auditLog;
    private final Clock clock;

    SsoSettingsAdmin(IssuerGuard issuerGuard, DiscoveryProbe discovery, SecretBox secretBox, AuditLog auditLog, Clock clock) {
        this.issuerGuard = issuerGuard;
        this.discovery = discovery;
        this.secretBox = secretBox;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /**
     * Saves the page's settings once the issuer has answered with a usable discovery document: settings that name an
     * identity provider nobody can sign in through would lock everybody out under enforcement. The check is a network
     * call, made before the transaction that stores them.
     *
     * @throws InvalidInput with the discovery's problems in words; nothing is saved
     */
    public void save(UUID tenantId, UUID actorId, Form form) {
        String issuer = normalisedIssuer(form);
        if (issuerGuard.problemWith(issuer).isEmpty()) {
            DiscoveryProbe.Result discovered = discovery.probe(issuer);
            if (!discovered.ok()) {
                throw InvalidInput.of("issuer", "Nothing was saved: we could not use this identity provider. "
                        + String.join(" ", discovered.problems()));
            }
        }
        store(tenantId, actorId, form);
    }

    private static String normalisedIssuer(Form form) {
        return form.issuer() == null ? "" : form.issuer().trim().replaceAll("/+$", "");
    }

    /**
     * Goes back to the settings in the platform's tenant file: the page's settings are removed (audited), and the
     * file's are in force on the next sign-in on every instance (their version differs).
     *
     * @return false when no page settings were there to remove
     */
    @Transactional
    public boolean revertToFile(UUID tenantId, UUID actorId) {
        pro.dailydoco.tenant.Tenant tenant = pro.dailydoco.tenant.Tenant.findById(tenantId);
        var file = SsoSettingsService.yaml(tenant).orElseThrow(() -> new pro.dailydoco.core.DomainException(409,
                "No tenant file settings", "The platform's tenant file declares no single sign-on for this workspace, so "
                        + "there is nothing to go back to."));
        SsoSettingsRow row = SsoSettingsRow.findById(tenantId);
        if (row == null) {
            return false;
        }
        boolean fileEnforces = Boolean.TRUE.equals(file.enforce());
        auditLog.record(tenantId, AuditEvent.user(actorId, "sso.settings-reverted-to-file").subjectTenant(tenantId)
                .detail("pageVersion", String.valueOf(row.version)).build());
        if (row.enforce != fileEnforces) {
            auditLog.record(tenantId, AuditEvent.user(actorId, "sso.enforcement-changed").subjectTenant(tenantId)
                    .detail("enforce", String.valueOf(fileEnforces)).build());
        }
        row.delete();
        return true;
    }

    @Transactional
    void store(UUID tenantId, UUID actorId, Form form) {
        Map<String, String> errors = new LinkedHashMap<>();
        String issuer = normalisedIssuer(form);
        issuerGuard.problemWith(issuer).ifPresent(p -> errors.put("issuer", "The issuer URL " + p + "."));
        if (form.clientId() == null || form.clientId().isBlank()) {
            errors.put("clientId", "Enter the client id registered at your identity provider.");
        }
        String defaultRole = form.defaultRole() == null ? "MEMBER" : form.defaultRole();
        if (!SSO_ROLES.contains(defaultRole)) {
            errors.put("defaultRole", "Choose Admin, Member or Billing (SSO never grants Owner).");
        }
        Map<String, String> mapping = parseMapping(form.roleMapping(), errors);
        SsoSettingsRow row = SsoSettingsRow.findById(tenantId);
        // "Leave blank to keep it" holds for a secret from the tenant file too: its variable keeps supplying it.
        boolean hasSecret = (form.clientSecret() != null && !form.clientSecret().isBlank())
                || (row != null && row.clientSecretEnc != null)
                || SsoSettingsService.yamlSecret(pro.dailydoco.tenant.Tenant.findById(tenantId)).isPresent();
        if (!hasSecret) {
            errors.put("clientSecret", "Enter the client secret.");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        boolean created = row == null;
        if (created) {
            row = new SsoSettingsRow();
            row.tenantId = tenantId;
            row.version = 0;
        }
        boolean enforcementChanged = created ? form.enforce() : row.enforce != form.enforce();
        row.issuer = issuer;
        row.clientId = form.clientId().trim();
        if (form.clientSecret() != null && !form.clientSecret().isBlank()) {
            row.clientSecretEnc = secretBox.encrypt(form.clientSecret().trim(), tenantId.toString());
        }
        row.scopes = String.join(" ", SsoSettingsService.splitScopes(form.scopes()));
        row.rolesClaim = "groups";
        row.defaultRole = defaultRole;
        row.roleMapping = toJson(mapping);
        row.enforce = form.enforce();
        row.version++;
        row.updatedAt = clock.instant();
        row.persist();
        auditLog.record(tenantId, AuditEvent.user(actorId, "sso.settings-changed").subjectTenant(tenantId)
                .detail("version", String.valueOf(row.version))
                .detail("secretChanged", String.valueOf(form.clientSecret() != null && !form.clientSecret().isBlank())).build());
        if (enforcementChanged) {
            auditLog.record(tenantId, AuditEvent.user(actorId, "sso.enforcement-changed").subjectTenant(tenantId)
                    .detail("enforce", String.valueOf(form.enforce())).build());
        }
    }

    /**
     * Lets people linked to the workspace's IdP get a password by "Forgot password" (or stops it). Under "Require
     * single sign-on" it changes nothing for the domains' people: enforcement wins. Audited when it changes.
     */
    @Transactional
    public void setPasswordAccess(UUID tenantId, UUID actorId, boolean allowPasswords) {
        SsoPasswordAccess access = SsoPasswordAccess.findById(tenantId);
        if (access != null && access.allowPasswords == allowPasswords) {
            return;
        }
        if (access == null) {
            access = new SsoPasswordAccess();
            access.tenantId = tenantId;
        }
        access.allowPasswords = allowPasswords;
        access.updatedAt = clock.instant();
        access.persist();
        auditLog.record(tenantId, AuditEvent.user(actorId, "sso.password-access-changed").subjectTenant(tenantId)
                .detail("allowPasswords", String.valueOf(allowPasswords)).build());
    }

    private static Map<String, String> parseMapping(String text, Map<String, String> errors) {
        Map<String, String> mapping = new LinkedHashMap<>();
        for (String line : (text == null ? "" : text).split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            int eq = line.lastIndexOf('=');
            String role = eq < 0 ? "" : line.substring(eq + 1).trim().toUpperCase(java.util.Locale.ROOT);
            if (eq <= 0 || !SSO_ROLES.contains(role)) {
                errors.put("roleMapping", "Write one mapping a line, like dailydoco-admins=ADMIN; roles are ADMIN, MEMBER or "
                        + "BILLING (SSO never grants OWNER).");
                return mapping;
            }
            mapping.put(line.substring(0, eq).trim(), role);
        }
        return mapping;
    }

    private static String toJson(Map<String, String> mapping) {
        try {
            return SsoSettingsService.JSON.writeValueAsString(mapping);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
