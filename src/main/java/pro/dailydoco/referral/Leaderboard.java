package pro.dailydoco.referral;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import pro.dailydoco.tenant.ScopedWork;

/**
 * The public leaderboard: a job copies each person's own roll-up totals into {@code leaderboard_entry}, acting as
 * that person, for the people whose roll-ups changed since it last looked (see {@link #refresh}). Pages read only
 * that table (a few indexed rows), never the ledger across users. A name shows only after the person opted in.
 */
@ApplicationScoped
public class Leaderboard {

    /** One row of a ranking. {@code publicName} is null for people who did not opt in. */
    public record Entry(int rank, String publicName, long value, String tier, boolean you) {
        public String name() {
            return publicName != null ? publicName : "Anonymous referrer";
        }
    }

    /** Which figure a ranking sorts by, over which period. */
    public enum Ranking {
        MONTH_PAYING("paying_month", true), MONTH_EARNED("earned_month_minor", true),
        ALL_PAYING("paying_all", false), ALL_EARNED("earned_all_minor", false);

        final String column;
        final boolean thisMonthOnly;

        Ranking(String column, boolean thisMonthOnly) {
            this.column = column;
            this.thisMonthOnly = thisMonthOnly;
        }

        public boolean isEarnings() {
            return column.startsWith("earned");
        }
    }

    private static final int REFRESH_BATCH = 100;

    private final EntityManager entityManager;
    private final ScopedWork scopedWork;
    private final LeaderboardConfig config;
    private final Clock clock;
    private final ActingAs actingAs;
    private final CommissionTiers tiers;

    Leaderboard(EntityManager entityManager, ScopedWork scopedWork, LeaderboardConfig config, Clock clock,
            ActingAs actingAs) {
        this.actingAs = actingAs;
        this.entityManager = entityManager;
        this.scopedWork = scopedWork;
        this.config = config;
        this.clock = clock;
        this.tiers = CommissionTiers.of(config);
    }

    public CommissionTiers tiers() {
        return tiers;
    }

    @Scheduled(every = "${dailydoco.leaderboard.refresh-every:5m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledRefresh() {
        refresh(clock.instant());
    }

    /**
     * Brings the public table up to date as of {@code now}: a new month resets every entry's monthly figures in one
     * statement, then only people whose roll-ups changed since their last refresh are visited, in batches claimed
     * with FOR UPDATE SKIP LOCKED (instances share the work; nobody is refreshed by two at once). Returns how many
     * people this call refreshed.
     */
    public int refresh(Instant now) {
        LocalDate month = ReferralRollups.monthOf(now);
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                update leaderboard_entry set month = ?1, paying_month = 0, earned_month_minor = 0 where month < ?1""")
                .setParameter(1, java.sql.Date.valueOf(month)).executeUpdate());
        int refreshed = 0;
        while (true) {
            int batch = scopedWork.call(null, null, () -> refreshBatch(month, now));
            refreshed += batch;
            if (batch < REFRESH_BATCH) {
                Log.debugf("Leaderboard refreshed for %d people", refreshed);
                return refreshed;
            }
        }
    }

    /**
     * One transaction: claims up to a batch of people whose entry is behind, rebuilds each from their own roll-ups
     * (acting as them), and records that their changes so far are taken into account. The claim's row locks make a
     * roll-up change for these people wait until the batch commits, so none is missed.
     */
    private int refreshBatch(LocalDate month, Instant now) {
        List<?> users = entityManager.createNativeQuery("""
                select member_user_id from referral_rollup_user where changes <> refreshed_changes
                order by member_user_id limit ?1 for update skip locked""")
                .setParameter(1, REFRESH_BATCH).getResultList();
        for (Object row : users) {
            UUID user = (UUID) row;
            actingAs.run(user, () -> refreshOne(user, month, now));
            entityManager.createNativeQuery(
                    "update referral_rollup_user set refreshed_changes = changes where member_user_id = ?1")
                    .setParameter(1, user).executeUpdate();
        }
        return users.size();
    }

    private void refreshOne(UUID user, LocalDate month, Instant now) {
        Object[] all = (Object[]) entityManager.createNativeQuery("""
                select coalesce(sum(paying_referrals), 0), coalesce(sum(earned_minor - clawed_back_minor), 0),
                       coalesce(sum(sign_ups), 0),
                       coalesce(sum(paying_referrals) filter (where month = ?2), 0),
                       coalesce(sum(earned_minor - clawed_back_minor) filter (where month = ?2), 0)
                from referral_rollup_level where user_id = ?1""")
                .setParameter(1, user).setParameter(2, java.sql.Date.valueOf(month)).getSingleResult();
        long payingAll = ((Number) all[0]).longValue();
        long signUps = ((Number) all[2]).longValue();
        entityManager.createNativeQuery("""
                insert into leaderboard_entry (user_key, public_name, month, paying_month, paying_all, earned_month_minor,
                    earned_all_minor, sign_ups_all, viral_score, refreshed_at)
                values (?1, (select display_name from leaderboard_profile where user_id = ?1), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                on conflict (user_key) do update set public_name = excluded.public_name, month = excluded.month,
                    paying_month = excluded.paying_month, paying_all = excluded.paying_all,
                    earned_month_minor = excluded.earned_month_minor, earned_all_minor = excluded.earned_all_minor,
                    sign_ups_all = excluded.sign_ups_all, viral_score = excluded.viral_score,
                    refreshed_at = excluded.refreshed_at""")
                .setParameter(1, user).setParameter(2, java.sql.Date.valueOf(month))
                .setParameter(3, ((Number) all[3]).intValue()).setParameter(4, (int) payingAll)
                .setParameter(5, ((Number) all[4]).longValue()).setParameter(6, ((Number) all[1]).longValue())
                .setParameter(7, (int) signUps).setParameter(8, tiers().score(payingAll, signUps)).setParameter(9, now)
                .executeUpdate();
    }

    /** The top of a ranking (people with nothing to show are left out). */
    @Transactional
    public List<Entry> top(Ranking ranking, UUID viewer) {
        LocalDate month = ReferralRollups.monthOf(clock.instant());
        String where = " where " + ranking.column + " > 0" + (ranking.thisMonthOnly ? " and month = :month" : "");
        jakarta.persistence.Query query = entityManager.createNativeQuery("select user_key, public_name, "
                + ranking.column + ", viral_score from leaderboard_entry" + where + " order by " + ranking.column
                + " desc, user_key limit :size").setParameter("size", config.size());
        if (ranking.thisMonthOnly) {
            query.setParameter("month", java.sql.Date.valueOf(month));
        }
        List<?> rows = query.getResultList();
        CommissionTiers tiers = tiers();
        java.util.ArrayList<Entry> entries = new java.util.ArrayList<>();
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            entries.add(new Entry(entries.size() + 1, (String) r[1], ((Number) r[2]).longValue(),
                    tiers.tierOf(((Number) r[3]).longValue()), r[0].equals(viewer)));
        }
        return entries;
    }

    /** The viewer's own viral score (as of the last refresh) and what gets them to the next tier. */
    @Transactional
    public CommissionTiers.Standing standingOf(UUID viewer) {
        List<?> score = entityManager.createNativeQuery("select viral_score from leaderboard_entry where user_key = ?1")
                .setParameter(1, viewer).getResultList();
        return tiers().standing(score.isEmpty() ? 0 : ((Number) score.get(0)).longValue());
    }

    /** The viewer's current display name, if they opted in. */
    @Transactional
    public Optional<String> displayNameOf(UUID viewer) {
        return actingAs.call(viewer, () -> entityManager.createNativeQuery(
                "select display_name from leaderboard_profile where user_id = ?1")
                .setParameter(1, viewer).getResultList().stream().map(String.class::cast).findFirst());
    }

    /** Opts in with a display name, or out (blank name): takes effect on the public table at once. */
    @Transactional
    public void choose(UUID viewer, String displayName) {
        String name = displayName == null ? "" : displayName.strip();
        if (name.length() > 40) {
            throw pro.dailydoco.core.DomainException.badRequest("A display name has at most 40 characters.");
        }
        actingAs.call(viewer, () -> {
            if (name.isEmpty()) {
                entityManager.createNativeQuery("delete from leaderboard_profile where user_id = ?1")
                        .setParameter(1, viewer).executeUpdate();
            } else {
                entityManager.createNativeQuery("""
                        insert into leaderboard_profile (user_id, display_name, opted_in_at) values (?1, ?2, ?3)
                        on conflict (user_id) do update set display_name = excluded.display_name""")
                        .setParameter(1, viewer).setParameter(2, name).setParameter(3, clock.instant()).executeUpdate();
            }
            entityManager.createNativeQuery("update leaderboard_entry set public_name = ?2 where user_key = ?1")
                    .setParameter(1, viewer).setParameter(2, name.isEmpty() ? null : name).executeUpdate();
            return null;
        });
    }
}
