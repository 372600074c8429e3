package pro.dailydoco.referral.ledger;

import java.util.UUID;

/** One earner's commission at one level of one invoice; every amount row and status event belongs to one line. */
public record CommissionLine(String invoiceId, UUID earnerId, int level) {
}
