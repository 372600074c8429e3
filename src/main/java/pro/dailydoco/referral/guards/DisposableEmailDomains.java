package pro.dailydoco.referral.guards;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Fraud guard: the configured list of throw-away mail domains. A referral whose email uses one is flagged for the
 * operator and its commissions held; it is not refused, since a real person may use such an address.
 */
public final class DisposableEmailDomains {

    private final Set<String> domains;

    public DisposableEmailDomains(Set<String> configuredDomains) {
        this.domains = configuredDomains.stream()
                .map(d -> d.trim().toLowerCase(Locale.ROOT))
                .filter(d -> !d.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** True for a listed domain and for any subdomain of one (throw-away services hand out subdomains too). */
    public boolean isDisposable(String email) {
        String normalised = SamePersonCheck.normaliseEmail(email);
        if (normalised == null || normalised.indexOf('@') < 0) {
            return false;
        }
        String domain = normalised.substring(normalised.lastIndexOf('@') + 1);
        while (true) {
            if (domains.contains(domain)) {
                return true;
            }
            int dot = domain.indexOf('.');
            if (dot < 0) {
                return false;
            }
            domain = domain.substring(dot + 1);
        }
    }
}
