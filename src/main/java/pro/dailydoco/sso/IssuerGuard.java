package pro.dailydoco.sso;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Decides whether the server may call an issuer URL: https only, and never an address inside our own network
 * (loopback, private, link-local, carrier-grade NAT, unique-local, multicast, unspecified), so a tenant admin
 * cannot make the server probe internal services. Loopback over http can be allowed for tests and development.
 */
@ApplicationScoped
public class IssuerGuard {

    private final SsoConfig config;

    IssuerGuard(SsoConfig config) {
        this.config = config;
    }

    /** Why the URL may not be fetched, in words for the settings page; empty when it may. */
    public Optional<String> problemWith(String url) {
        URI uri;
        try {
            uri = URI.create(url == null ? "" : url.trim());
        } catch (IllegalArgumentException e) {
            return Optional.of("is not a valid URL");
        }
        String host = uri.getHost();
        if (host == null || uri.getScheme() == null) {
            return Optional.of("must be an absolute URL like https://login.example.com/realms/acme");
        }
        if (uri.getUserInfo() != null) {
            return Optional.of("must not contain a user name or password");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return Optional.of("has a host name (" + host + ") that does not resolve");
        }
        boolean allLoopback = true;
        for (InetAddress address : addresses) {
            if (!address.isLoopbackAddress()) {
                allLoopback = false;
            }
            if (address.isLoopbackAddress() && config.allowLoopback()) {
                continue;
            }
            if (isInternal(address)) {
                return Optional.of("points to an internal address (" + address.getHostAddress()
                        + "); only public identity providers can be used");
            }
        }
        if (!"https".equals(uri.getScheme()) && !(config.allowLoopback() && allLoopback && "http".equals(uri.getScheme()))) {
            return Optional.of("must use https://");
        }
        return Optional.empty();
    }

    static boolean isInternal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet6Address) {
            return (b[0] & 0xfe) == 0xfc; // fc00::/7 unique-local
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        return first == 0 || (first == 100 && second >= 64 && second <= 127) // 0/8, 100.64/10 carrier-grade NAT
                || (first == 192 && second == 0 && (b[2] & 0xff) == 0) || first >= 240; // 192.0.0/24, reserved
    }
}
