package pro.dailydoco.account;

import java.util.UUID;

/**
 * Fired synchronously inside the sign-up transaction, after the user (and, for a direct sign-up, their workspace)
 * exist. Observers (e.g. referral attribution) write in the same transaction, so a sign-up and its attribution
 * commit or fail together.
 *
 * @param tenantId the workspace the person created or joined
 * @param createdTenant true when the person created {@code tenantId} at sign-up (they are its payer)
 * @param referralCode the code typed or carried in the sign-up form, if any
 * @param attributionToken the signed attribution cookie the browser sent, if any
 * @param clientAddress the client IP (for fraud signals), never stored by accounts beyond the session
 */
public record UserSignedUp(UUID userId, String email, UUID tenantId, boolean createdTenant, String referralCode,
        String attributionToken, String clientAddress) {

    /** The cookie a referral link sets; accounts only passes its value on. */
    public static final String ATTRIBUTION_COOKIE = "dd_ref";
}
