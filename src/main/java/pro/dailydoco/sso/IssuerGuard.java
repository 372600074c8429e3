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
        return problemWith(url, config.allowLoopback(), ISSUERS);
    }

    /**
     * What a check is about, for its messages: the things that may be called ("public identity providers") and an
     * example address.
     */
    public record Wording(String publicThings, String example) {
    }

    private static final Wording ISSUERS = new Wording("identity providers", "https://login.example.com/realms/acme");

    /**
     * The same rules for another feature's outgoing calls (webhook endpoints): {@code allowLoopback} comes from that
     * feature's own setting, so turning it on for one never opens the other.
     */
    public static Optional<String> problemWith(String url, boolean allowLoopback, Wording wording) {
        URI uri;
        try {
            uri = URI.create(url == null ? "" : url.trim());
        } catch (IllegalArgumentException e) {
            return Optional.of("is not a valid URL");
        }
        String host = uri.getHost() != null ? uri.getHost() : hostOfAuthority(uri.getRawAuthority());
        if (host == null || host.isEmpty() || uri.getScheme() == null) {
            return Optional.of("must be an absolute URL like " + wording.example());
        }
        Optional<String> numeric = numericHostProblem(host, wording);
        if (numeric != null) {
            return numeric;
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
            if (address.isLoopbackAddress() && allowLoopback) {
                continue;
            }
            if (isInternal(address)) {
                return Optional.of("points to an internal address (" + address.getHostAddress()
                        + "); only public " + wording.publicThings() + " can be used");
            }
        }
        if (!"https".equals(uri.getScheme()) && !(allowLoopback && allLoopback && "http".equals(uri.getScheme()))) {
            return Optional.of("must use https://");
        }
        return Optional.empty();
    }

    private static final java.util.regex.Pattern NUMERIC_HOST = java.util.regex.Pattern
            .compile("^(0[xX][0-9a-fA-F]*|[0-9]+)(\\.(0[xX][0-9a-fA-F]*|[0-9]+)){0,3}$");

    /** The host of an authority Java's URI parser would not split (it does so for {@code 127.1}). */
    private static String hostOfAuthority(String authority) {
        if (authority == null) {
            return null;
        }
        String hostAndPort = authority.substring(authority.lastIndexOf('@') + 1);
        int colon = hostAndPort.lastIndexOf(':');
        return colon >= 0 && !hostAndPort.startsWith("[") ? hostAndPort.substring(0, colon) : hostAndPort;
    }

    /**
     * An IPv4 address in a short or numeric form ({@code 127.1}, {@code 2130706433}, {@code 0x7f.0.0.1}): browsers,
     * curl and many HTTP clients read it as an address (inet_aton), while Java takes it for a host name that does not
     * resolve. Named for what it is, so the message doesn't mislead. Null when the host is not such a form (a plain
     * dotted quad goes through the usual checks).
     */
    private static Optional<String> numericHostProblem(String host, Wording wording) {
        if (!NUMERIC_HOST.matcher(host).matches()) {
            return null;
        }
        String[] parts = host.split("\\.");
        long value = 0;
        try {
            for (int i = 0; i < parts.length; i++) {
                long part = parsePart(parts[i]);
                boolean last = i == parts.length - 1;
                long limit = last ? 1L << (8 * (4 - i)) : 256;
                if (part >= limit) {
                    return Optional.of("is not a valid IP address (" + host + ")");
                }
                value = last ? (value << (8 * (4 - i))) | part : (value << 8) | part;
            }
        } catch (NumberFormatException e) {
            return Optional.of("is not a valid IP address (" + host + ")");
        }
        String canonical = ((value >> 24) & 255) + "." + ((value >> 16) & 255) + "." + ((value >> 8) & 255) + "." + (value & 255);
        if (canonical.equals(host)) {
            return null;
        }
        InetAddress address;
        try {
            address = InetAddress.getByAddress(new byte[] { (byte) (value >> 24), (byte) (value >> 16), (byte) (value >> 8), (byte) value });
        } catch (UnknownHostException e) {
            return Optional.of("is not a valid IP address (" + host + ")");
        }
        if (isInternal(address)) {
            return Optional.of("points to an internal address (" + canonical + "), written here as " + host
                    + "; only public " + wording.publicThings() + " can be used");
        }
        return Optional.of("is an IP address in a short numeric form (" + host + " means " + canonical
                + "); write the host name instead");
    }

    private static long parsePart(String part) {
        if (part.startsWith("0x") || part.startsWith("0X")) {
            return part.length() == 2 ? 0 : Long.parseLong(part.substring(2), 16);
        }
        if (part.length() > 1 && part.startsWith("0")) {
            return Long.parseLong(part.substring(1), 8);
        }
        if (part.length() > 12) {
            throw new NumberFormatException(part);
        }
        return Long.parseLong(part);
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
