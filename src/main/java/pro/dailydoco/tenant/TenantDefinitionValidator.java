package pro.dailydoco.tenant;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks one parsed definition and names the first field that is wrong. */
final class TenantDefinitionValidator {

    static final Pattern SLUG = Pattern.compile("^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$");
    static final Set<String> RESERVED_SLUGS = Set.of("www", "api", "app", "admin", "operator", "static", "webjars",
            "signup", "login", "logout", "mail", "support", "status", "billing", "help");
    private static final Pattern COLOR = Pattern.compile("^#[0-9a-fA-F]{6}$");
    private static final Pattern HOSTNAME = Pattern.compile(
            "^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$");
    private static final Pattern OWNER_EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern ENV_NAME = Pattern.compile("^[A-Z_][A-Z0-9_]*$");
    private static final Set<String> PLANS = Set.of("FREE", "PRO", "TEAM", "ENTERPRISE");
    private static final Set<String> SSO_ROLES = Set.of("ADMIN", "MEMBER", "BILLING");

    private TenantDefinitionValidator() {
    }

    static void validate(String file, TenantDefinition d) {
        if (d == null) {
            throw new TenantDefinitionException(file, "is empty; it must define at least 'slug' and 'name'");
        }
        require(file, "slug", d.slug());
        if (!SLUG.matcher(d.slug()).matches()) {
            throw new TenantDefinitionException(file, "slug",
                    "must be 3–40 lower-case letters, digits or hyphens, starting and ending with a letter or digit; got '"
                            + d.slug() + "'");
        }
        if (RESERVED_SLUGS.contains(d.slug())) {
            throw new TenantDefinitionException(file, "slug", "'" + d.slug() + "' is reserved; choose another");
        }
        require(file, "name", d.name());
        if (d.name().length() > 100) {
            throw new TenantDefinitionException(file, "name", "must be at most 100 characters");
        }
        if (d.status() != null && !Set.of("ACTIVE", "SUSPENDED").contains(d.status().toUpperCase(Locale.ROOT))) {
            throw new TenantDefinitionException(file, "status", "must be ACTIVE or SUSPENDED; got '" + d.status() + "'");
        }
        if (d.branding() != null) {
            color(file, "branding.primaryColor", d.branding().primaryColor());
            color(file, "branding.accentColor", d.branding().accentColor());
            if (d.branding().logoUrl() != null && !isSafeUrl(d.branding().logoUrl())) {
                throw new TenantDefinitionException(file, "branding.logoUrl",
                        "must be an https:// URL or a path starting with /; got '" + d.branding().logoUrl() + "'");
            }
        }
        List<String> hostnames = d.hostnames() == null ? List.of() : d.hostnames();
        for (int i = 0; i < hostnames.size(); i++) {
            String host = hostnames.get(i);
            if (host == null || !HOSTNAME.matcher(host).matches()) {
                throw new TenantDefinitionException(file, "hostnames[" + i + "]",
                        "must be a lower-case host name like docs.example.com; got '" + host + "'");
            }
        }
        if (d.plan() != null && !PLANS.contains(d.plan().toUpperCase(Locale.ROOT))) {
            throw new TenantDefinitionException(file, "plan",
                    "must be one of FREE, PRO, TEAM, ENTERPRISE; got '" + d.plan() + "'");
        }
        if (d.sso() != null) {
            validateSso(file, d.sso());
        }
        List<String> owners = d.owners() == null ? List.of() : d.owners();
        for (int i = 0; i < owners.size(); i++) {
            String email = owners.get(i);
            if (email == null || email.length() > 254 || !OWNER_EMAIL.matcher(email.trim()).matches()) {
                throw new TenantDefinitionException(file, "owners[" + i + "]",
                        "must be an email address like it-admin@example.com; got '" + email + "'");
            }
        }
    }

    private static void validateSso(String file, TenantDefinition.Sso sso) {
        require(file, "sso.issuer", sso.issuer());
        URI issuer = parse(sso.issuer());
        boolean loopback = issuer != null && issuer.getHost() != null
                && (issuer.getHost().equals("localhost") || issuer.getHost().startsWith("127."));
        if (issuer == null || issuer.getHost() == null
                || !("https".equals(issuer.getScheme()) || ("http".equals(issuer.getScheme()) && loopback))) {
            throw new TenantDefinitionException(file, "sso.issuer",
                    "must be an https:// issuer URL (http:// only for localhost); got '" + sso.issuer() + "'");
        }
        require(file, "sso.clientId", sso.clientId());
        require(file, "sso.clientSecretEnv", sso.clientSecretEnv());
        if (!ENV_NAME.matcher(sso.clientSecretEnv()).matches()) {
            throw new TenantDefinitionException(file, "sso.clientSecretEnv",
                    "must name an environment variable (upper-case letters, digits, _) holding the secret — never the secret itself");
        }
        List<String> domains = sso.emailDomains() == null ? List.of() : sso.emailDomains();
        if (domains.isEmpty()) {
            throw new TenantDefinitionException(file, "sso.emailDomains", "must list at least one email domain");
        }
        for (int i = 0; i < domains.size(); i++) {
            if (domains.get(i) == null || !HOSTNAME.matcher(domains.get(i)).matches()) {
                throw new TenantDefinitionException(file, "sso.emailDomains[" + i + "]",
                        "must be a lower-case domain like example.com; got '" + domains.get(i) + "'");
            }
        }
        if (sso.defaultRole() != null && !SSO_ROLES.contains(sso.defaultRole())) {
            throw new TenantDefinitionException(file, "sso.defaultRole",
                    "must be ADMIN, MEMBER or BILLING (SSO never grants OWNER); got '" + sso.defaultRole() + "'");
        }
        if (sso.roleMapping() != null) {
            for (Map.Entry<String, String> entry : sso.roleMapping().entrySet()) {
                if (!SSO_ROLES.contains(entry.getValue())) {
                    throw new TenantDefinitionException(file, "sso.roleMapping." + entry.getKey(),
                            "must map to ADMIN, MEMBER or BILLING (SSO never grants OWNER); got '" + entry.getValue() + "'");
                }
            }
        }
    }

    private static void require(String file, String field, String value) {
        if (value == null || value.isBlank()) {
            throw new TenantDefinitionException(file, field, "is required");
        }
    }

    private static void color(String file, String field, String value) {
        if (value != null && !COLOR.matcher(value).matches()) {
            throw new TenantDefinitionException(file, field, "must be a colour like #1f6feb; got '" + value + "'");
        }
    }

    private static boolean isSafeUrl(String value) {
        if (value.startsWith("/") && !value.startsWith("//")) {
            return true;
        }
        URI uri = parse(value);
        return uri != null && "https".equals(uri.getScheme()) && uri.getHost() != null;
    }

    private static URI parse(String value) {
        try {
            return URI.create(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
