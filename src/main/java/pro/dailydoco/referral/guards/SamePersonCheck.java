package pro.dailydoco.referral.guards;

import java.util.Collections;
import java.util.Locale;
import java.util.Set;

/**
 * Fraud guard: a payer and an earner are the same person when they share the user id, the normalised email, a
 * Stripe customer or a card fingerprint. Any one match is enough, because each is a way one person opens a second
 * account to earn from their own payment.
 */
public final class SamePersonCheck {

    /** Gmail ignores dots and "+tags" in the local part and treats googlemail.com as gmail.com. */
    private static final Set<String> GMAIL_DOMAINS = Set.of("gmail.com", "googlemail.com");

    private SamePersonCheck() {
    }

    public static boolean isSamePerson(PersonIdentity a, PersonIdentity b) {
        if (a.userId().equals(b.userId())) {
            return true;
        }
        String emailA = normaliseEmail(a.email());
        if (emailA != null && emailA.equals(normaliseEmail(b.email()))) {
            return true;
        }
        return !Collections.disjoint(a.stripeCustomerIds(), b.stripeCustomerIds())
                || !Collections.disjoint(a.cardFingerprints(), b.cardFingerprints());
    }

    /**
     * Trim and lower-case; for Gmail addresses only, also drop dots and a "+tag" from the local part and map
     * googlemail.com to gmail.com, since Gmail delivers all those spellings to one mailbox. Other providers keep
     * their local part as written (for them "+tag" or dots may name different mailboxes). Blank → null.
     */
    public static String normaliseEmail(String email) {
        if (email == null || email.isBlank()) {
            return null;
        }
        String lower = email.trim().toLowerCase(Locale.ROOT);
        int at = lower.lastIndexOf('@');
        if (at < 0) {
            return lower;
        }
        String local = lower.substring(0, at);
        String domain = lower.substring(at + 1);
        if (!GMAIL_DOMAINS.contains(domain)) {
            return lower;
        }
        int plus = local.indexOf('+');
        if (plus >= 0) {
            local = local.substring(0, plus);
        }
        return local.replace(".", "") + "@gmail.com";
    }
}
