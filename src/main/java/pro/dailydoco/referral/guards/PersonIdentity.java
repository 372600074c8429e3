package pro.dailydoco.referral.guards;

import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * What tells two accounts apart as people, for the "no commission on your own payment" guard: the user id, the
 * email, the Stripe customers they pay through and the card fingerprints seen on their payments. Sets may be
 * empty when unknown.
 */
public record PersonIdentity(UUID userId, String email, Set<String> stripeCustomerIds, Set<String> cardFingerprints) {

    public PersonIdentity {
        Objects.requireNonNull(userId, "userId");
        stripeCustomerIds = stripeCustomerIds == null ? Set.of() : Set.copyOf(stripeCustomerIds);
        cardFingerprints = cardFingerprints == null ? Set.of() : Set.copyOf(cardFingerprints);
    }

    public static PersonIdentity of(UUID userId, String email) {
        return new PersonIdentity(userId, email, Set.of(), Set.of());
    }
}
