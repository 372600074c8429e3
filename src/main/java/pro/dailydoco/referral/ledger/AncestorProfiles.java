package pro.dailydoco.referral.ledger;

import java.util.UUID;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import pro.dailydoco.core.database.Row;
import pro.dailydoco.referral.ActingAs;
import pro.dailydoco.referral.LeaderboardConfig;
import pro.dailydoco.referral.ReferralConfig;
import pro.dailydoco.referral.TierQualification;
import pro.dailydoco.referral.guards.PayerIdentities;
import pro.dailydoco.referral.guards.PersonIdentity;

/**
 * An invoice's ancestors as the commission rules need them, read from the database when the invoice is paid: account
 * state, the home tenant's opt-out (docs/decisions/0022-home-workspace-opt-out.md), the identities of the same-person
 * guard (docs/decisions/0012-same-person-guard.md) — email, the Stripe customers of the workspaces they created and the
 * cards that paid for those workspaces — and the depth their commission tier reaches, from the paying referrals the
 * leaderboard job last stored (never from sign-ups: see {@link TierQualification}). Built at start-up, so a
 * misconfigured depth-by-tier stops the boot.
 */
@Startup
@ApplicationScoped
public class AncestorProfiles {

    private final EntityManager entityManager;
    private final ActingAs actingAs;
    private final PayerIdentities payers;
    private final TierQualification qualification;

    AncestorProfiles(EntityManager entityManager, ActingAs actingAs, PayerIdentities payers, ReferralConfig config,
            LeaderboardConfig leaderboard) {
        this.entityManager = entityManager;
        this.actingAs = actingAs;
        this.payers = payers;
        this.qualification = TierQualification.of(leaderboard, config);
    }

    /** The configured rank rule. */
    public TierQualification qualification() {
        return qualification;
    }

    /** The ancestor as their account, home tenant, payments and rank stand now, under the configured rank rule. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Ancestor of(UUID userId) {
        return of(userId, qualification);
    }

    /**
     * The ancestor under the given rank rule. {@code heldForReview} stays false: a flagged referral holds the
     * payer's lines (status HELD) rather than forfeiting an earner's level, so an operator's approval can still
     * release them. A user the leaderboard job has not scored yet counts as 0 paying referrals (the first tier).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    Ancestor of(UUID userId, TierQualification rule) {
        Row row = Row.single(entityManager.createNativeQuery("""
                select u.status as status, coalesce(t.referral_program_disabled, false) as program_disabled,
                    coalesce(l.paying_all, 0) as paying_referrals, u.email as email
                from account_person u
                left join tenant_directory t on t.id = u.home_tenant_id
                left join leaderboard_entry l on l.user_key = u.id
                where u.id = ?1""", Tuple.class)
                .setParameter(1, userId));
        String status = row.string("status");
        PayerIdentities.Payers own = actingAs.call(userId, () -> payers.ofWorkspacesCreatedBy(userId));
        PersonIdentity person = new PersonIdentity(userId, row.string("email"), own.customers(), own.cards());
        return new Ancestor(person, !"DELETED".equals(status), "SUSPENDED".equals(status), row.bool("program_disabled"),
                false, rule.depthForPayingReferrals(row.longValue("paying_referrals")));
    }
}
