package pro.dailydoco.tenant;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import pro.dailydoco.core.DomainException;

/**
 * Finds the tenant a request is for, from the path ({@code /t/{slug}/...}) and from the Host header (a custom
 * hostname or {@code {slug}.<base-domain>}). When both name a tenant they must agree; a disagreement answers 404,
 * like an unknown tenant, so that one tenant's host never serves another tenant's pages.
 */
@ApplicationScoped
public class TenantResolution {

    /** DOTALL: a line break further down the path (a token, allowed text) must not hide the workspace. */
    private static final Pattern TENANT_PATH = Pattern.compile("^/t/([^/]+)(/.*)?$", Pattern.DOTALL);

    private final TenantConfig config;

    TenantResolution(TenantConfig config) {
        this.config = config;
    }

    public Optional<Tenant> resolve(String path, String hostHeader) {
        Optional<String> pathSlug = slugFromPath(path);
        Optional<Tenant> byHost = tenantFromHost(hostHeader);
        Optional<Tenant> byPath = pathSlug.map(slug -> Tenant.findBySlug(slug)
                .orElseThrow(WorkspaceNotFound::new));
        if (byPath.isPresent() && byHost.isPresent() && !byPath.get().id.equals(byHost.get().id)) {
            throw new WorkspaceNotFound();
        }
        if (byPath.isPresent()) {
            // A suspended workspace's pages answer its members only (403) and look unknown to everyone else (404):
            // the access check, which knows who is asking, decides.
            return byPath;
        }
        byHost.filter(Tenant::isSuspended).ifPresent(suspended -> {
            throw new DomainException(403, "Workspace suspended",
                    "The workspace “" + suspended.displayName + "” is suspended. Its owners can contact support to reactivate it.");
        });
        return byHost;
    }

    static Optional<String> slugFromPath(String path) {
        if (path == null) {
            return Optional.empty();
        }
        Matcher matcher = TENANT_PATH.matcher(path);
        return matcher.matches() ? Optional.of(matcher.group(1).toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    private Optional<Tenant> tenantFromHost(String hostHeader) {
        String host = normaliseHost(hostHeader);
        if (host.isEmpty() || host.equals(config.baseDomain()) || host.equals("localhost")
                || host.startsWith("127.") || host.startsWith("[")) {
            return Optional.empty();
        }
        String suffix = "." + config.baseDomain();
        if (host.endsWith(suffix)) {
            String label = host.substring(0, host.length() - suffix.length());
            if (label.contains(".")) {
                throw new WorkspaceNotFound();
            }
            return Optional.of(Tenant.findBySlug(label).orElseThrow(WorkspaceNotFound::new));
        }
        // Any other host is a tenant's custom domain or the platform itself (a load balancer's own name, an IP).
        return Tenant.findByHostname(host);
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
