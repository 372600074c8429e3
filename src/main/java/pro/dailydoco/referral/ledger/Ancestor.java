package pro.dailydoco.referral.ledger;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

import pro.dailydoco.referral.CommissionPlan;
import pro.dailydoco.referral.Level;
import pro.dailydoco.referral.guards.Ineligibility;
import pro.dailydoco.referral.guards.PersonIdentity;
import pro.dailydoco.referral.guards.SamePersonCheck;

/**
 * One ancestor of the payer, as the referral tree and the account state know them when the invoice is paid.
 *
 * @param qualifiedDepth how many levels deep this user's rank lets them earn (0–7; 7 = all levels): the depth of
 *                       their commission tier ({@link TierQualification#depthForPayingReferrals})
 */
public record Ancestor(PersonIdentity person, boolean active, boolean suspended, boolean programDisabledByHomeTenant,
                       boolean heldForReview, int qualifiedDepth) {

    public Ancestor {
        Objects.requireNonNull(person, "person");
        if (!Level.isDepth(qualifiedDepth)) {
            throw new IllegalArgumentException("qualifiedDepth must be 0.." + CommissionPlan.LEVELS + "; got " + qualifiedDepth);
        }
    }

    /** An active, unsuspended user qualified for every level: the common case. */
    public static Ancestor eligible(PersonIdentity person) {
        return new Ancestor(person, true, false, false, false, CommissionPlan.LEVELS);
    }

    /** Every reason this ancestor may not earn at {@code level} from {@code payer}'s invoice; empty = eligible. */
    public Set<Ineligibility> reasonsNotToEarn(int level, PersonIdentity payer) {
        Set<Ineligibility> reasons = EnumSet.noneOf(Ineligibility.class);
        if (!active) {
            reasons.add(Ineligibility.INACTIVE);
        }
        if (suspended) {
            reasons.add(Ineligibility.SUSPENDED);
        }
        if (SamePersonCheck.isSamePerson(person, payer)) {
            reasons.add(Ineligibility.SAME_PERSON_AS_PAYER);
        }
        if (programDisabledByHomeTenant) {
            reasons.add(Ineligibility.PROGRAM_DISABLED_BY_HOME_TENANT);
        }
        if (heldForReview) {
            reasons.add(Ineligibility.HELD_FOR_REVIEW);
        }
        if (level > qualifiedDepth) {
            reasons.add(Ineligibility.NOT_QUALIFIED_FOR_LEVEL);
        }
        return reasons;
    }
}
