package pro.dailydoco.referral.ledger;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import pro.dailydoco.audit.AuditEvent;
import pro.dailydoco.audit.AuditLog;
import pro.dailydoco.core.DomainException;
import pro.dailydoco.core.database.Row;
import pro.dailydoco.referral.guards.ReferralScreening;

/**
 * The operator's review of flagged referrals. Approve: the referral counts, its HELD commissions become PENDING
 * with a fresh hold. Reject: its commissions are clawed back by new rows and its invoices earn nothing from then
 * on. Each decision is made once, in one transaction, and audited on the platform chain.
 */
@ApplicationScoped
public class ReferralReviews {

    /** One flagged referral as the operator sees it: identities masked, reasons by name. */
    public record FlaggedReferral(UUID referredUserId, String referred, String sponsor, List<String> reasons,
            Instant flaggedAt) {
    }

    private final EntityManager entityManager;
    private final ReferralScreening screening;
    private final HeldCommissions held;
    private final AuditLog auditLog;
    private final Clock clock;

    ReferralReviews(EntityManager entityManager, ReferralScreening screening, HeldCommissions held, AuditLog auditLog,
            Clock clock) {
        this.entityManager = entityManager;
        this.screening = screening;
        this.held = held;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /** Flagged referrals nobody has decided yet, oldest first. */
    @Transactional
    public List<FlaggedReferral> open() {
        List<Row> rows = Row.list(entityManager.createNativeQuery("""
                select s.referred_user_id as referred_user_id, r.email as referred_email, p.email as sponsor_email,
                    array_to_string(s.reasons, ',') as reasons, s.screened_at as screened_at from referral_screening s
                join account_person r on r.id = s.referred_user_id join account_person p on p.id = s.sponsor_user_id
                where s.decision is null and s.reasons <> '{}' order by s.screened_at limit 200""", Tuple.class));
        return rows.stream().map(r -> new FlaggedReferral(r.uuid("referred_user_id"), mask(r.string("referred_email")),
                mask(r.string("sponsor_email")), Arrays.asList(r.string("reasons").split(",")), r.instant("screened_at")))
                .toList();
    }

    /** Approves: the payer's HELD lines become PENDING with a fresh hold; returns how many were released. */
    @Transactional
    public int approve(UUID operatorId, UUID referredUserId) {
        return decide(operatorId, referredUserId, ReferralScreening.Decision.APPROVED, held::release);
    }

    /** Rejects: the payer's lines are clawed back to zero by new rows; returns the rows written. */
    @Transactional
    public int reject(UUID operatorId, UUID referredUserId) {
        return decide(operatorId, referredUserId, ReferralScreening.Decision.REJECTED, held::clawBack);
    }

    /**
     * Masks an address for the review list: first letter of the mailbox, then the domain (the domain is often the
     * reason for the flag, the mailbox is not needed to decide).
     */
    static String mask(String email) {
        if (email == null || email.indexOf('@') < 1) {
            return "•••";
        }
        return email.charAt(0) + "•••" + email.substring(email.lastIndexOf('@'));
    }

    private int decide(UUID operatorId, UUID referredUserId, ReferralScreening.Decision decision,
            BiFunction<UUID, Instant, Integer> ledgerChange) {
        Instant at = clock.instant();
        if (!screening.decide(referredUserId, decision, operatorId, at)) {
            throw DomainException.notFound("No flagged referral waits for review there; it may have been decided already.");
        }
        int changes = ledgerChange.apply(referredUserId, at);
        String action = decision == ReferralScreening.Decision.APPROVED ? "referral.review-approved" : "referral.review-rejected";
        auditLog.recordPlatform(AuditEvent.operator(operatorId, action).target("user", referredUserId.toString())
                .detail("ledgerChanges", changes).build());
        return changes;
    }
}
