package pro.dailydoco.referral.ledger;

import pro.dailydoco.core.Money;

/**
 * A user's commission balance. Always {@code earned = pending + frozen + approved + paid + clawedBack}: every cent
 * ever earned is either still to be paid (in one of three states), already paid, or taken back. {@code approved}
 * may be negative — money owed back after a refund of something already paid — and is then carried forward into
 * the next payout.
 */
public record CommissionBalance(Money earned, Money pending, Money frozen, Money approved, Money paid,
                                Money clawedBack) {
}
