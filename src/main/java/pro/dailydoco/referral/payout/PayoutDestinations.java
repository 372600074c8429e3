package pro.dailydoco.referral.payout;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import pro.dailydoco.audit.AuditEvent;
import pro.dailydoco.audit.AuditLog;
import pro.dailydoco.core.InvalidInput;
import pro.dailydoco.core.database.Row;
import pro.dailydoco.core.web.Paged;
import pro.dailydoco.referral.ActingAs;

/**
 * CSV is the primary payout path; an earner is paid by Stripe Connect transfer only once the operator recorded their
 * connected account id (docs/decisions/0027-csv-first-payouts-and-stripe-connect.md). Recording or changing one is
 * audited.
 */
@ApplicationScoped
public class PayoutDestinations {

    static final int PAGE_SIZE = 50;

    /** Stripe account ids: "acct_" and letters or digits. */
    static final Pattern ACCOUNT_ID = Pattern.compile("acct_[A-Za-z0-9]{6,64}");

    private final EntityManager entityManager;
    private final AuditLog auditLog;
    private final Clock clock;
    private final ActingAs actingAs;

    PayoutDestinations(EntityManager entityManager, AuditLog auditLog, Clock clock, ActingAs actingAs) {
        this.entityManager = entityManager;
        this.auditLog = auditLog;
        this.clock = clock;
        this.actingAs = actingAs;
    }

    /** Records (or replaces) the connected account the user's payouts go to. */
    @Transactional
    public void record(UUID operatorId, String email, String accountId) {
        String account = accountId == null ? "" : accountId.trim();
        if (!ACCOUNT_ID.matcher(account).matches()) {
            throw InvalidInput.of("accountId", "Enter a Stripe connected account id like acct_1AbCdEfGhIjKlMnO.");
        }
        String normalised = email == null ? "" : email.trim().toLowerCase(java.util.Locale.ROOT);
        List<?> users = entityManager.createNativeQuery("select id from account_person where email = ?1")
                .setParameter(1, normalised).getResultList();
        if (users.isEmpty()) {
            throw InvalidInput.of("email", "No user has that email address.");
        }
        UUID userId = (UUID) users.get(0);
        // The account it replaces goes on the audit entry: where this person's money went until now.
        Optional<String> previous = entityManager.createNativeQuery(
                "select stripe_account_id from payout_destination where earner_user_id = ?1 for update")
                .setParameter(1, userId).getResultList().stream().map(String.class::cast).findFirst();
        // As the recording operator: the write guard admits a destination only in the name of who records it (V43).
        actingAs.call(operatorId, () -> entityManager.createNativeQuery("""
                insert into payout_destination (earner_user_id, stripe_account_id, recorded_at, recorded_by)
                values (?1, ?2, ?3, ?4) on conflict (earner_user_id) do update
                set stripe_account_id = excluded.stripe_account_id, recorded_at = excluded.recorded_at,
                    recorded_by = excluded.recorded_by""")
                .setParameter(1, userId).setParameter(2, account).setParameter(3, clock.instant())
                .setParameter(4, operatorId).executeUpdate());
        AuditEvent.Builder audit = AuditEvent.operator(operatorId, "referral.payout-destination-recorded")
                .target("user", userId.toString()).detail("stripeAccount", account);
        previous.ifPresent(p -> audit.detail("previousStripeAccount", p));
        auditLog.recordPlatform(audit.build());
    }

    /** One recorded destination, as the operator's list shows it. */
    public record Recorded(String email, String stripeAccountId, Instant recordedAt) {
    }

    /**
     * The recorded destinations, newest first, one page at a time. In a transaction, so row-level security sees who
     * asks: only an operator acting reads every earner's row (docs/decisions/0130-scoped-reads-of-screenings-destinations-and-mrr.md).
     */
    @Transactional
    public Paged<Recorded> page(Integer requestedPage) {
        long total = ((Number) entityManager.createNativeQuery("select count(*) from payout_destination")
                .getSingleResult()).longValue();
        int page = Paged.clamp(requestedPage, total, PAGE_SIZE);
        List<Recorded> recorded = Row.list(entityManager.createNativeQuery("""
                select u.email as email, d.stripe_account_id as stripe_account_id, d.recorded_at as recorded_at
                from payout_destination d
                join account_person u on u.id = d.earner_user_id
                order by d.recorded_at desc, d.earner_user_id limit ?1 offset ?2""", Tuple.class)
                .setParameter(1, PAGE_SIZE).setParameter(2, (page - 1) * PAGE_SIZE)).stream()
                .map(r -> new Recorded(r.string("email"), r.string("stripe_account_id"), r.instant("recorded_at")))
                .toList();
        return new Paged<>(recorded, page, Paged.pages(total, PAGE_SIZE), total);
    }

    /** The connected account the user's payouts go to, if the operator recorded one. */
    public Optional<String> accountOf(UUID userId) {
        return entityManager.createNativeQuery(
                "select stripe_account_id from payout_destination where earner_user_id = ?1")
                .setParameter(1, userId).getResultList().stream().map(String.class::cast).findFirst();
    }
}
