package pro.dailydoco.referral.attribution;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import pro.dailydoco.account.UserSignedUp;
import pro.dailydoco.core.database.Row;
import pro.dailydoco.referral.ActingAs;
import pro.dailydoco.referral.guards.PersonIdentity;
import pro.dailydoco.referral.guards.ReferralScreening;
import pro.dailydoco.referral.guards.SamePersonCheck;
import pro.dailydoco.referral.tree.ReferralRollups;
import pro.dailydoco.referral.tree.ReferralTree;

/**
 * Attribution happens at sign-up and only there, inside the sign-up transaction: the new user gets their own code,
 * and a genuine attribution cookie whose stored click is inside the window makes the click's sponsor theirs — once.
 * A code typed into the form without a click does not attribute: the window and the sponsor come from the click.
 */
@ApplicationScoped
public class ReferralAttribution {

    private final EntityManager entityManager;
    private final ReferralCodes codes;
    private final ReferralClicks clicks;
    private final ReferralTree tree;
    private final ActingAs actingAs;
    private final ReferralScreening screening;
    private final Clock clock;
    private final ReferralRollups rollups;

    ReferralAttribution(EntityManager entityManager, ReferralCodes codes, ReferralClicks clicks, ReferralTree tree,
            ActingAs actingAs, ReferralScreening screening, Clock clock, ReferralRollups rollups) {
        this.rollups = rollups;
        this.entityManager = entityManager;
        this.codes = codes;
        this.clicks = clicks;
        this.tree = tree;
        this.actingAs = actingAs;
        this.screening = screening;
        this.clock = clock;
    }

    void onSignUp(@Observes UserSignedUp signedUp) {
        codes.codesOf(signedUp.userId());
        rollups.recordAnySignUp(clock.instant());
        attribute(signedUp.userId(), signedUp.email(), signedUp.attributionToken());
    }

    /**
     * Records the sponsor the token's stored click names, if the click is inside the window, the sponsor is active
     * and is not the same person. Returns the sponsor recorded now or earlier; an existing sponsor never changes.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<UUID> attribute(UUID userId, String email, String attributionToken) {
        Optional<UUID> existing = sponsorOf(userId);
        if (existing.isPresent()) {
            return existing;
        }
        Instant now = clock.instant();
        Optional<ReferralClicks.Click> click = clicks.liveClick(attributionToken, now);
        if (click.isEmpty()) {
            return Optional.empty();
        }
        UUID sponsor = click.get().sponsorUserId();
        if (!eligibleSponsor(sponsor, userId, email)) {
            Log.infof("Referral click %s not attributed: sponsor not eligible", click.get().id());
            return Optional.empty();
        }
        int inserted = actingAs.call(userId, () -> entityManager.createNativeQuery("""
                insert into referral_attribution (user_id, sponsor_user_id, click_id, attributed_at)
                values (?1, ?2, ?3, ?4) on conflict (user_id) do nothing""")
                .setParameter(1, userId).setParameter(2, sponsor).setParameter(3, click.get().id())
                .setParameter(4, now).executeUpdate());
        if (inserted == 1) {
            tree.attachNewUser(userId, sponsor);
            rollups.recordSignUp(userId, now);
            List<ReferralScreening.Reason> flagged = screening.screen(userId, email, sponsor, click.get().id(), now);
            if (!flagged.isEmpty()) {
                Log.infof("Referral of user %s held for review: %s", userId, flagged);
            }
        }
        return sponsorOf(userId);
    }

    /** The user's sponsor, if they have one. */
    @Transactional
    public Optional<UUID> sponsorOf(UUID userId) {
        return actingAs.call(userId, () -> entityManager.createNativeQuery(
                "select sponsor_user_id from referral_attribution where user_id = ?1")
                .setParameter(1, userId).getResultList().stream().map(UUID.class::cast).findFirst());
    }

    /** No self-referral: neither the same account nor the same person by email; the sponsor must be active. */
    private boolean eligibleSponsor(UUID sponsor, UUID userId, String email) {
        if (sponsor.equals(userId)) {
            return false;
        }
        Optional<Row> row = Row.first(entityManager.createNativeQuery(
                "select email as email, status as status from account_person where id = ?1", Tuple.class)
                .setParameter(1, sponsor));
        return row.isPresent() && "ACTIVE".equals(row.get().string("status")) && !SamePersonCheck.isSamePerson(
                PersonIdentity.of(sponsor, row.get().string("email")), PersonIdentity.of(userId, email));
    }
}
