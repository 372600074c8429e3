package pro.dailydoco.referral;

/** Why an ancestor earns nothing at their level; the level's share is then forfeited (it stays with the platform). */
public enum Ineligibility {
    INACTIVE,
    SUSPENDED,
    /** Same user, normalised email, Stripe customer or card fingerprint as the payer. */
    SAME_PERSON_AS_PAYER,
    /** The earner's home tenant switched the referral programme off. */
    PROGRAM_DISABLED_BY_HOME_TENANT,
    /** The earner's rank (commission_tier) does not reach this level. */
    NOT_QUALIFIED_FOR_LEVEL,
    /** Flagged for operator review (e.g. a disposable email domain): nothing is earned until cleared. */
    HELD_FOR_REVIEW
}
