package pro.dailydoco.referral.ledger;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import pro.dailydoco.core.Money;

/**
 * A person earned a commission line. Fired synchronously while the ledger acts as the earner, inside the transaction
 * that wrote the line, so an observer's writes (outgoing webhooks) commit or roll back with it and run in the
 * earner's own scope. Holds only the earner's side: never the payer, their workspace or their invoice.
 *
 * @param commissionId stable per invoice, earner and level, so a receiver can deduplicate and match later events
 * @param level        1 for a direct referral, up to 7
 */
public record CommissionCreated(UUID earnerUserId, UUID commissionId, int level, int rateBasisPoints, Money amount,
        CommissionStatus status, Instant at) {

    static UUID idOf(CommissionLine line) {
        return idOf(line.invoiceId(), line.earnerId(), line.level());
    }

    /** The id of an earner's line of an invoice at a level, as every event and the API name it. */
    public static UUID idOf(String invoiceId, UUID earnerUserId, int level) {
        return UUID.nameUUIDFromBytes(("commission:" + invoiceId + ":" + earnerUserId + ":" + level)
                .getBytes(StandardCharsets.UTF_8));
    }
}
