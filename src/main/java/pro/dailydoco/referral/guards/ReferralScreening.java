package pro.dailydoco.referral.guards;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import pro.dailydoco.referral.ActingAs;
import pro.dailydoco.referral.ReferralConfig;

/**
 * Fraud guard (docs/decisions/0023-suspicious-referrals-are-held.md): every attributed sign-up is screened once, in the
 * sign-up transaction. A referral is flagged when the new user's mail domain is a throw-away one, or when more than the
 * configured number of referred sign-ups came from the same click address hash within the window. A flagged referral is
 * not refused (a real person may look like that): the referred user's invoices earn HELD commissions until an operator
 * decides.
 */
@ApplicationScoped
public class ReferralScreening {

    /** Why a referral was flagged; stored by name. */
    public enum Reason {
        DISPOSABLE_EMAIL_DOMAIN,
        MANY_SIGNUPS_FROM_ONE_ADDRESS
    }

    /** What a payer's referral means for their invoices' commissions. */
    public enum Hold {
        /** Not referred, not flagged, or approved by an operator. */
        NONE,
        /** Flagged and not yet reviewed: commissions are written HELD. */
        HELD,
        /** An operator rejected it: the invoices earn nothing. */
        REJECTED
    }

    public enum Decision {
        APPROVED,
        REJECTED
    }

    private final EntityManager entityManager;
    private final DisposableEmailDomains disposableDomains;
    private final ReferralConfig config;
    private final ActingAs actingAs;

    ReferralScreening(EntityManager entityManager, ReferralConfig config, ActingAs actingAs) {
        this.entityManager = entityManager;
        this.actingAs = actingAs;
        this.disposableDomains = new DisposableEmailDomains(java.util.Set.copyOf(config.guards().disposableDomains()));
        this.config = config;
    }

    /** Screens a referral just attributed through {@code clickId}; returns the reasons it was flagged (empty = clear). */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Reason> screen(UUID userId, String email, UUID sponsorId, UUID clickId, Instant at) {
        String ipHash = null;
        if (clickId != null) {
            List<?> hashes = entityManager.createNativeQuery("select ip_hash from referral_click where id = ?1")
                    .setParameter(1, clickId).getResultList();
            ipHash = hashes.isEmpty() ? null : (String) hashes.get(0);
        }
        List<Reason> reasons = new ArrayList<>();
        if (disposableDomains.isDisposable(email)) {
            reasons.add(Reason.DISPOSABLE_EMAIL_DOMAIN);
        }
        if (ipHash != null) {
            // Everyone's screenings from this address, as a count only: each row is readable by its own person (V55).
            Number earlier = (Number) entityManager.createNativeQuery("""
                    select referral_screenings_from_address(?1, ?2)""")
                    .setParameter(1, ipHash).setParameter(2, at.minus(config.guards().signupAddressWindow())).getSingleResult();
            if (earlier.longValue() + 1 > config.guards().maxSignupsPerAddress()) {
                reasons.add(Reason.MANY_SIGNUPS_FROM_ONE_ADDRESS);
            }
        }
        // As the referred person: the row's write guard admits only their own screening (V43).
        String reasonArray = "{" + String.join(",", reasons.stream().map(Enum::name).toList()) + "}";
        String clickIpHash = ipHash;
        actingAs.call(userId, () -> entityManager.createNativeQuery("""
                insert into referral_screening (referred_user_id, sponsor_user_id, ip_hash, reasons, screened_at)
                values (?1, ?2, ?3, cast(?4 as text[]), ?5) on conflict do nothing""")
                .setParameter(1, userId).setParameter(2, sponsorId).setParameter(3, clickIpHash)
                .setParameter(4, reasonArray).setParameter(5, at).executeUpdate());
        return reasons;
    }

    /**
     * The hold a payer's referral puts on their invoices' commissions. Reads the row FOR SHARE, so an invoice paid
     * while an operator decides waits for the decision and follows it.
     */
    public Hold holdOf(UUID payerUserId) {
        // As the payer: a screening is readable by its own person (V55), and the ledger work runs in other scopes.
        List<?> rows = actingAs.call(payerUserId, () -> entityManager.createNativeQuery("""
                select decision from referral_screening where referred_user_id = ?1 and reasons <> '{}' for share""")
                .setParameter(1, payerUserId).getResultList());
        if (rows.isEmpty()) {
            return Hold.NONE;
        }
        Object decision = rows.get(0);
        return decision == null ? Hold.HELD : Decision.valueOf((String) decision) == Decision.APPROVED ? Hold.NONE
                : Hold.REJECTED;
    }

    /** Records the operator's decision on a flagged, undecided referral; false when there is none to decide. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean decide(UUID referredUserId, Decision decision, UUID operatorId, Instant at) {
        // As the deciding operator: the write guard admits a decision only in the name of who acts (V43).
        return actingAs.call(operatorId, () -> entityManager.createNativeQuery("""
                update referral_screening set decision = ?2, decided_at = ?3, decided_by = ?4
                where referred_user_id = ?1 and reasons <> '{}' and decision is null""")
                .setParameter(1, referredUserId).setParameter(2, decision.name()).setParameter(3, at)
                .setParameter(4, operatorId).executeUpdate()) == 1;
    }
}
