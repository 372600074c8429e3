package pro.dailydoco.referral.ledger;

import java.util.Set;
import java.util.UUID;

import pro.dailydoco.core.Money;
import pro.dailydoco.referral.guards.Ineligibility;

/**
 * A level whose share nobody earns, so it stays with the platform: either the chain ends before it
 * ({@code ancestorId} null) or the ancestor there is not eligible ({@code reasons} say why).
 *
 * @param share what the level would have earned, rounded down like an earned share
 */
public record ForfeitedLevel(int level, int rateBasisPoints, UUID ancestorId, Set<Ineligibility> reasons,
                             Money share) {

    public ForfeitedLevel {
        reasons = Set.copyOf(reasons);
    }
}
