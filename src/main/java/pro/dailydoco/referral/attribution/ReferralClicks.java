package pro.dailydoco.referral.attribution;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import pro.dailydoco.account.RateLimiter;
import pro.dailydoco.core.database.Row;
import pro.dailydoco.referral.ReferralConfig;
import pro.dailydoco.referral.tree.ReferralRollups;

/**
 * Records referral-link clicks. A click stores the code, the sponsor it resolved to, the time and a keyed hash of
 * the client address — nothing else about the visitor. Attribution later trusts only the stored click.
 */
@ApplicationScoped
public class ReferralClicks {

    /** A stored click, as attribution reads it. */
    public record Click(UUID id, String code, UUID sponsorUserId, Instant clickedAt) {
    }

    private final EntityManager entityManager;
    private final ReferralCodes codes;
    private final ClickSignature signature;
    private final RateLimiter rateLimiter;
    private final ReferralConfig config;
    private final Clock clock;
    private final ReferralRollups rollups;

    ReferralClicks(EntityManager entityManager, ReferralCodes codes, ClickSignature signature, RateLimiter rateLimiter,
            ReferralConfig config, Clock clock, ReferralRollups rollups) {
        this.rollups = rollups;
        this.entityManager = entityManager;
        this.codes = codes;
        this.signature = signature;
        this.rateLimiter = rateLimiter;
        this.config = config;
        this.clock = clock;
    }

    /**
     * A visitor followed {@code /r/{code}}. Returns the signed token for the attribution cookie, or empty when the
     * code is unknown or disabled, the address clicks too often, or (first-click model) the visitor's cookie already
     * names a live click.
     */
    public Optional<String> follow(String code, String clientAddress, String currentToken) {
        // The throttle is keyed by the same keyed hash as the click: the raw address is never stored (privacy page).
        if (rateLimiter.recordUse("referral-click:ip:" + signature.addressHash(clientAddress), config.attribution().clickMaxPerIp(),
                config.attribution().clickWindow())
                .isPresent()) {
            return Optional.empty();
        }
        return record(code, clientAddress, currentToken, clock.instant());
    }

    /** Stores a click at {@code at} and returns its signed token (see {@link #follow}), under the configured model. */
    @Transactional
    public Optional<String> record(String code, String clientAddress, String currentToken, Instant at) {
        return record(code, clientAddress, currentToken, at, config.attribution().model());
    }

    /** As {@link #record(String, String, String, Instant)}, under the given attribution model. */
    @Transactional
    Optional<String> record(String code, String clientAddress, String currentToken, Instant at,
            ReferralConfig.AttributionModel model) {
        Optional<UUID> sponsor = codes.sponsorOf(code);
        if (sponsor.isEmpty()) {
            return Optional.empty();
        }
        if (model == ReferralConfig.AttributionModel.FIRST_CLICK
                && liveClick(currentToken, at).isPresent()) {
            return Optional.empty();
        }
        UUID id = UUID.randomUUID();
        entityManager.createNativeQuery("""
                insert into referral_click (id, code, sponsor_user_id, clicked_at, ip_hash) values (?1, ?2, ?3, ?4, ?5)""")
                .setParameter(1, id).setParameter(2, code.trim().toLowerCase(java.util.Locale.ROOT))
                .setParameter(3, sponsor.get()).setParameter(4, at)
                .setParameter(5, signature.addressHash(clientAddress)).executeUpdate();
        rollups.recordClick(sponsor.get(), at);
        return Optional.of(signature.sign(id));
    }

    /** The stored click a genuine token names, if it is still inside the attribution window at {@code now}. */
    public Optional<Click> liveClick(String token, Instant now) {
        return signature.verify(token).flatMap(this::find)
                .filter(click -> !click.clickedAt().plus(config.attribution().window()).isBefore(now));
    }

    private Optional<Click> find(UUID id) {
        return Row.first(entityManager.createNativeQuery("""
                select id as id, code as code, sponsor_user_id as sponsor_user_id, clicked_at as clicked_at
                from referral_click where id = ?1""", Tuple.class).setParameter(1, id))
                .map(r -> new Click(r.uuid("id"), r.string("code"), r.uuid("sponsor_user_id"), r.instant("clicked_at")));
    }
}
