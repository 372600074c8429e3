package pro.dailydoco.account;

import java.util.UUID;

/**
 * An account's email address was proven (confirmation link, email change, invitation link). Fired inside the
 * transaction that records it; observers that act on it afterwards observe {@code AFTER_SUCCESS}.
 */
public record EmailVerified(UUID userId) {
}
