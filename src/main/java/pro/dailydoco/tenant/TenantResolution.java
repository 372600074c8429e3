package pro.dailydoco.tenant;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Finds the tenant a request is for, from the path ({@code /t/{slug}/...}) and from the Host header (a custom
 * hostname or {@code {slug}.<base-domain>}). When both name a tenant they must agree; a disagreement answers 404,
 * like an unknown tenant, so that one tenant's host never serves another tenant's pages. The rows themselves come
 * from the request's one look-up (docs/decisions/0150-who-is-asking-in-one-statement.md); this class only reads the
 * request and applies the rules.
 */
@ApplicationScoped
public class TenantResolution {

    /** DOTALL: a line break further down the path (a token, allowed text) must not hide the workspace. */
    private static final Pattern TENANT_PATH = Pattern.compile("^/t/([^/]+)(/.*)?$", Pattern.DOTALL);

    private final TenantConfig config;

    TenantResolution(TenantConfig config) {
        this.config = config;
    }

    /**
     * What a request names: the slug of its path, and either the slug of its subdomain of the base domain or another
     * host (a custom hostname). A subdomain of a subdomain names no workspace (404). Reads nothing.
     */
    public record Target(String pathSlug, String hostSlug, String hostname) {

        public static final Target NONE = new Target(null, null, null);

        public boolean namesAWorkspace() {
            return pathSlug != null || hostSlug != null || hostname != null;
        }
    }

    public Target target(String path, String hostHeader) {
        String pathSlug = slugFromPath(path).orElse(null);
        String host = normaliseHost(hostHeader);
        if (host.isEmpty() || host.equals(config.baseDomain()) || host.equals("localhost")
                || host.startsWith("127.") || host.startsWith("[")) {
            return new Target(pathSlug, null, null);
        }
        String suffix = "." + config.baseDomain();
        if (host.endsWith(suffix)) {
            String label = host.substring(0, host.length() - suffix.length());
            if (label.contains(".")) {
                throw new WorkspaceNotFound();
            }
            return new Target(pathSlug, label, null);
        }
        // Any other host is a tenant's custom domain or the platform itself (a load balancer's own name, an IP).
        return new Target(pathSlug, null, host);
    }

    /**
     * The request's workspace, given what the look-up found for {@code target}: the workspace of the path, else of the
     * host ({@code found}), and the ids the path and the host resolved to (null when they named none or an unknown
     * one). When both name a workspace they must agree.
     */
    public Optional<Tenant> decide(Target target, UUID byPath, UUID byHost, Tenant found) {
        if (target.pathSlug() != null && byPath == null) {
            throw new WorkspaceNotFound();
        }
        if (target.hostSlug() != null && byHost == null) {
            throw new WorkspaceNotFound();
        }
        if (byPath != null && byHost != null && !byPath.equals(byHost)) {
            throw new WorkspaceNotFound();
        }
        if (byPath != null) {
            // A suspended workspace's pages answer its members only (403) and look unknown to everyone else (404):
            // the access check, which knows who is asking, decides.
            return Optional.of(found);
        }
        if (byHost != null && found.isSuspended()) {
            throw new WorkspaceSuspended(found);
        }
        return Optional.ofNullable(byHost == null ? null : found);
    }

    static Optional<String> slugFromPath(String path) {
        if (path == null) {
            return Optional.empty();
        }
        Matcher matcher = TENANT_PATH.matcher(path);
        return matcher.matches() ? Optional.of(matcher.group(1).toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    static String normaliseHost(String hostHeader) {
        if (hostHeader == null) {
            return "";
        }
        String host = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (!host.startsWith("[")) {
            int colon = host.indexOf(':');
            if (colon >= 0) {
                host = host.substring(0, colon);
            }
        }
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }
}
