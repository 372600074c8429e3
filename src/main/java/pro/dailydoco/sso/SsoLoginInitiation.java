package pro.dailydoco.sso;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * What a sign-in started outside our pages may ask for: the company portal's "Sign in with SSO" link, or an
 * identity provider's third-party initiated login (OpenID Connect Core 1.0 §4: {@code iss}, {@code login_hint},
 * {@code target_link_uri}). Such a request can come from anyone's link, so each parameter is only a wish: {@code iss}
 * must be the workspace's own issuer, the target must be a page of this workspace on our own origin (never an open
 * redirect), and the hint is only passed on to the IdP (docs/decisions/0139-idp-initiated-sign-in.md).
 */
final class SsoLoginInitiation {

    private static final int MAX_HINT = 256;

    private SsoLoginInitiation() {
    }

    /** The named issuer is the workspace's (absent counts as the workspace's: the portal link names none). */
    static boolean issuerMatches(String iss, SsoSettings settings) {
        return iss == null || iss.isBlank() || normalise(iss).equals(normalise(settings.issuer()));
    }

    /**
     * The path (and query) to show after sign-in, when {@code target} is a page of workspace {@code slug} on the
     * origin of {@code baseUrl}: an absolute URL on that origin, or a path. Anything else (another origin, another
     * workspace, a protocol-relative {@code //host}, dot segments, a user-info part) is ignored.
     */
    static Optional<String> safeTarget(String target, String baseUrl, String slug) {
        if (target == null || target.isBlank() || target.length() > 2000 || target.contains("\\")) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(target.trim());
            URI base = new URI(baseUrl);
            if (uri.isAbsolute() || uri.getRawAuthority() != null) {
                boolean sameOrigin = base.getScheme().equalsIgnoreCase(uri.getScheme())
                        && base.getHost() != null && base.getHost().equalsIgnoreCase(uri.getHost())
                        && port(base) == port(uri) && uri.getRawUserInfo() == null;
                if (!sameOrigin) {
                    return Optional.empty();
                }
            }
            String path = uri.getRawPath();
            if (path == null || !path.startsWith("/t/" + slug + "/") || path.contains("/./") || path.contains("/../")
                    || path.endsWith("/..") || path.startsWith("/t/" + slug + "/sso")) {
                return Optional.empty();
            }
            return Optional.of(path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** A hint worth passing to the IdP: printable, short; otherwise none. */
    static Optional<String> loginHint(String hint) {
        if (hint == null || hint.isBlank() || hint.length() > MAX_HINT || !hint.chars().allMatch(c -> c > 0x20 && c != 0x7f)) {
            return Optional.empty();
        }
        return Optional.of(hint);
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static String normalise(String issuer) {
        return issuer.trim().replaceAll("/+$", "");
    }
}
