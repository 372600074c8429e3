package pro.dailydoco.account;

import java.util.UUID;

/**
 * How many seats a workspace's plan allows, and whether it pays. The plan lives in billing, which depends on
 * accounts; this small interface keeps the dependency one-way (billing provides the real implementation).
 */
public interface SeatLimits {

    /** Seats allowed, or -1 for unlimited. */
    long seatLimit(UUID tenantId);

    /** The plan's display name, for messages ("Your Free plan includes 1 seat"). */
    String planName(UUID tenantId);

    /** Whether the workspace has a paid plan (its last owner may not delete their account). */
    boolean isPaying(UUID tenantId);
}
