package pro.dailydoco.sso;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import pro.dailydoco.account.Role;
import pro.dailydoco.billing.Entitlements;
import pro.dailydoco.tenant.ScopedWork;
import pro.dailydoco.tenant.Tenant;
import pro.dailydoco.tenant.TenantDefinition;

/**
 * Reads a tenant's SSO settings in force and finds which tenant an email domain belongs to. Every method runs its
 * own short transaction in the right scope, so it can be called from a worker thread with no request context.
 */
@ApplicationScoped
public class SsoSettingsService {

    static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final ScopedWork scopedWork;
    private final SecretBox secretBox;
    private final Entitlements entitlements;
    private final EntityManager entityManager;

    SsoSettingsService(ScopedWork scopedWork, SecretBox secretBox, Entitlements entitlements, EntityManager entityManager) {
        this.scopedWork = scopedWork;
        this.secretBox = secretBox;
        this.entitlements = entitlements;
        this.entityManager = entityManager;
    }

    public Optional<SsoSettings> forTenant(UUID tenantId) {
        return scopedWork.asTenant(tenantId, () -> load(tenantId));
    }

    public Optional<SsoSettings> forSlug(String slug) {
        // A suspended workspace offers no sign-in (and looks unknown to outsiders).
        return scopedWork.asTenant(null, () -> Tenant.findBySlug(slug)).filter(t -> !t.isSuspended())
                .flatMap(t -> forTenant(t.id));
    }

    /**
     * SSO can start: a client secret is on record and the workspace is on Enterprise. Losing either suspends SSO and
     * its enforcement, and password login comes back: never a lock-out
     * (docs/decisions/0033-sso-domains-and-enforcement.md).
     */
    public boolean isUsable(SsoSettings settings) {
        return settings.clientSecret().isPresent() && entitlements.effectivePlan(settings.tenantId()).sso();
    }

    /** The workspace's admins let people of their IdP get a password by mail (off unless they said so). */
    public boolean passwordsAllowed(UUID tenantId) {
        return scopedWork.asTenant(tenantId, () -> {
            SsoPasswordAccess access = SsoPasswordAccess.findById(tenantId);
            return access != null && access.allowPasswords;
        });
    }

    public boolean isEnforced(SsoSettings settings) {
        return settings.enforce() && isUsable(settings);
    }

    /** The SSO settings of the workspace that claims this email's domain, if any. */
    public Optional<SsoSettings> forEmail(String email) {
        int at = email == null ? -1 : email.lastIndexOf('@');
        return at < 0 ? Optional.empty() : tenantForEmailDomain(email.substring(at + 1)).flatMap(this::forTenant);
    }

    /** The tenant whose SSO claims this email domain: declared in YAML, or claimed and verified on the settings page. */
    public Optional<UUID> tenantForEmailDomain(String domain) {
        String normalised = domain == null ? "" : domain.trim().toLowerCase(Locale.ROOT);
        if (normalised.isEmpty()) {
            return Optional.empty();
        }
        return scopedWork.asTenant(null, () -> {
            @SuppressWarnings("unchecked")
            List<Object> ids = entityManager.createNativeQuery("""
                    select id from tenant_directory where sso is not null and status = 'ACTIVE'
                        and (sso -> 'emailDomains') @> jsonb_build_array(cast(?1 as text))
                    union
                    select d.tenant_id from sso_domain d join tenant_directory t on t.id = d.tenant_id
                        where d.domain = ?1 and d.verified_at is not null and t.status = 'ACTIVE'""")
                    .setParameter(1, normalised)
                    .getResultList();
            return ids.stream().map(id -> id instanceof UUID u ? u : UUID.fromString(id.toString())).findFirst();
        });
    }

    private Optional<SsoSettings> load(UUID tenantId) {
        Tenant tenant = Tenant.findById(tenantId);
        if (tenant == null) {
            return Optional.empty();
        }
        List<String> domains = new ArrayList<>(yamlDomains(tenant));
        SsoDomainClaim.<SsoDomainClaim>list("verifiedAt is not null order by domain").forEach(d -> domains.add(d.domain));
        SsoSettingsRow row = SsoSettingsRow.findById(tenantId);
        if (row != null) {
            // Saved on the page without a secret of its own: the tenant file's variable still supplies it.
            Optional<String> secret = row.clientSecretEnc != null
                    ? Optional.of(secretBox.decrypt(row.clientSecretEnc, tenantId.toString()))
                    : yamlSecret(tenant);
            return Optional.of(new SsoSettings(tenantId, tenant.slug, SsoSettings.Source.SETTINGS_PAGE,
                    version("page", row.version, row.clientSecretEnc, String.join(",", domains)), row.issuer, row.clientId,
                    secret, splitScopes(row.scopes), row.rolesClaim, Role.valueOf(row.defaultRole),
                    parseMapping(row.roleMapping), row.enforce, List.copyOf(domains)));
        }
        TenantDefinition.Sso yaml = yaml(tenant).orElse(null);
        if (yaml == null) {
            return Optional.empty();
        }
        Optional<String> secret = ConfigProvider.getConfig().getOptionalValue(yaml.clientSecretEnv(), String.class)
                .filter(s -> !s.isBlank());
        Map<String, Role> mapping = new LinkedHashMap<>();
        if (yaml.roleMapping() != null) {
            yaml.roleMapping().forEach((k, v) -> mapping.put(k, Role.valueOf(v)));
        }
        List<String> scopes = yaml.scopes() == null || yaml.scopes().isEmpty() ? List.of("openid", "email", "profile") : yaml.scopes();
        return Optional.of(new SsoSettings(tenantId, tenant.slug, SsoSettings.Source.YAML,
                version("yaml", tenant.sso, secret.orElse(""), String.join(",", domains)), yaml.issuer(), yaml.clientId(),
                secret, scopes, "groups", yaml.defaultRole() == null ? Role.MEMBER : Role.valueOf(yaml.defaultRole()),
                mapping, Boolean.TRUE.equals(yaml.enforce()), List.copyOf(domains)));
    }

    static Optional<TenantDefinition.Sso> yaml(Tenant tenant) {
        if (tenant.sso == null || tenant.sso.isBlank() || "null".equals(tenant.sso)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(tenant.sso, TenantDefinition.Sso.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Tenant " + tenant.slug + " has unreadable SSO settings", e);
        }
    }

    /** The client secret from the environment variable the tenant file names, when it has one and it is set. */
    static Optional<String> yamlSecret(Tenant tenant) {
        return yaml(tenant).map(TenantDefinition.Sso::clientSecretEnv).filter(name -> name != null && !name.isBlank())
                .flatMap(name -> ConfigProvider.getConfig().getOptionalValue(name, String.class)).filter(s -> !s.isBlank());
    }

    static List<String> yamlDomains(Tenant tenant) {
        return yaml(tenant).map(s -> s.emailDomains() == null ? List.<String>of() : s.emailDomains()).orElse(List.of());
    }

    static List<String> splitScopes(String scopes) {
        List<String> list = new ArrayList<>(Arrays.stream(scopes == null ? new String[0] : scopes.trim().split("[\\s,]+"))
                .filter(s -> !s.isBlank()).toList());
        if (!list.contains("openid")) {
            list.add(0, "openid");
        }
        return List.copyOf(list);
    }

    static Map<String, Role> parseMapping(String json) {
        try {
            Map<String, String> raw = JSON.readValue(json == null || json.isBlank() ? "{}" : json, new TypeReference<Map<String, String>>() {
            });
            Map<String, Role> mapping = new LinkedHashMap<>();
            raw.forEach((k, v) -> mapping.put(k, Role.valueOf(v)));
            return mapping;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable role mapping", e);
        }
    }

    private static String version(Object... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Object part : parts) {
                digest.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
