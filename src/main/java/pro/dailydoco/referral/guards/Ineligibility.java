package pro.dailydoco.referral.guards;

/** Why an ancestor earns nothing at their level; the level's share is then forfeited (it stays with the platform). */
public enum Ineligibility {
    INACTIVE,
    SUSPENDED,
    /**
     * Same user, normalised email or Stripe customer as the payer, or the card that paid this invoice also paid for a
     * workspace the earner created.
     */
    SAME_PERSON_AS_PAYER,
    /** The earner's home tenant switched the referral program off. */
    PROGRAM_DISABLED_BY_HOME_TENANT,
    /** The earner's rank does not reach this level: their commission tier's depth (depth-by-tier) is smaller. */
    NOT_QUALIFIED_FOR_LEVEL,
    /** Flagged for operator review (e.g. a disposable email domain): nothing is earned until cleared. */
    HELD_FOR_REVIEW
}
