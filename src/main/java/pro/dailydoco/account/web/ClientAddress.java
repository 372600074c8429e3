package pro.dailydoco.account.web;

import java.util.List;

import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import pro.dailydoco.account.AccountConfig;

/**
 * The client's IP address. {@code X-Forwarded-For} is believed only when the direct peer is one of the configured
 * trusted proxies; otherwise anyone could pick the address their failed logins are counted against.
 */
@ApplicationScoped
public class ClientAddress {

    private final List<String> trustedProxies;

    ClientAddress(AccountConfig config) {
        this.trustedProxies = config.trustedProxies().orElse(List.of());
    }

    public String of(HttpServerRequest request) {
        String peer = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded == null || !trustedProxies.contains(peer)) {
            return peer;
        }
        // The right-most address not added by one of our proxies is the client.
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (!hop.isEmpty() && !trustedProxies.contains(hop)) {
                return hop;
            }
        }
        return peer;
    }
}
