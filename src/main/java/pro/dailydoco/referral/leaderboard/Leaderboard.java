package pro.dailydoco.referral.leaderboard;

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
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import pro.dailydoco.core.database.JdbcRows;
import pro.dailydoco.core.database.Row;
import pro.dailydoco.referral.ActingAs;
import pro.dailydoco.referral.CommissionTiers;
import pro.dailydoco.referral.LeaderboardConfig;
import pro.dailydoco.referral.tree.ReferralRollups;
import pro.dailydoco.tenant.LagTolerantReads;
import pro.dailydoco.tenant.ScopedWork;

/**
 * The public leaderboard: a job copies each person's own roll-up totals into {@code leaderboard_entry}, acting as
 * that person, for the people whose roll-ups changed since it last looked (see {@link #refresh}); scores and tiers
 * are computed from those counts when read. Pages read only that table (a few indexed rows), never the ledger across
 * users. A name shows only after the person opted in.
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
    private final ReferralRollups rollups;
    private final CommissionTiers tiers;
    private final LagTolerantReads reads;

    Leaderboard(EntityManager entityManager, ScopedWork scopedWork, LeaderboardConfig config, Clock clock,
            ActingAs actingAs, ReferralRollups rollups, LagTolerantReads reads) {
        this.reads = reads;
        this.rollups = rollups;
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

    @Scheduled(every = "${dailydoco.leaderboard.refresh-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledRefresh() {
        refresh(clock.instant());
    }

    /**
     * Brings the public table up to date for the month of {@code now}. A new month first resets every entry's monthly
     * figures in one statement; then only the people named in the change log are visited, each in a transaction of
     * their own. A person whose roll-ups are already in a later month (another host's clock is ahead) keeps their
     * change rows for the next run; once this host's clock leaves the run's month, the run stops; a person whose
     * refresh fails is logged and retried next run, and nobody else waits for them. Returns how many people this
     * call refreshed.
     */
    public int refresh(Instant now) {
        LocalDate month = ReferralRollups.monthOf(now);
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                update leaderboard_entry set month = ?1, paying_month = 0, earned_month_minor = 0 where month < ?1""")
                .setParameter(1, java.sql.Date.valueOf(month)).executeUpdate());
        int refreshed = 0;
        int failuresInARow = 0;
        UUID after = new UUID(0L, 0L); // the smallest uuid in PostgreSQL's order
        while (true) {
            UUID from = after;
            @SuppressWarnings("unchecked")
            List<UUID> people = (List<UUID>) scopedWork.call(null, null, () -> entityManager.createNativeQuery("""
                    select distinct member_user_id from referral_rollup_change where member_user_id > ?1
                    order by member_user_id limit ?2""").setParameter(1, from).setParameter(2, REFRESH_BATCH)
                    .getResultList());
            for (UUID person : people) {
                if (monthTurned(month)) {
                    return refreshed; // the next run starts the new month
                }
                try {
                    scopedWork.run(null, person, () -> refreshPerson(person, month, now));
                    refreshed++;
                    failuresInARow = 0;
                } catch (Skipped e) {
                    Log.debugf("Leaderboard entry of %s left for the next run: %s", person, e.getMessage());
                } catch (RuntimeException e) {
                    Log.warnf(e, "Leaderboard entry of %s not refreshed; retried on the next run", person);
                    if (++failuresInARow == 3) {
                        return refreshed; // not about one person (the database is away, say): stop trying
                    }
                }
            }
            if (people.size() < REFRESH_BATCH) {
                Log.debugf("Leaderboard refreshed for %d people", refreshed);
                return refreshed;
            }
            after = people.get(people.size() - 1);
        }
    }

    private boolean monthTurned(LocalDate month) {
        return ReferralRollups.monthOf(clock.instant()).isAfter(month);
    }

    /**
     * Rebuilds one person's entry from their own roll-ups (the caller acts as them). Their entry row is claimed first
     * with SKIP LOCKED: a person another instance (or a display-name change) holds is left to it, and the change rows
     * deleted after the claim are exactly the changes this refresh takes into account (a change committed later
     * stays for the next run); none left means another node refreshed them since this run listed them, and they are
     * skipped, so two nodes never do the same person's work twice. Anything that would make the figures wrong for the run's month throws, and the
     * rollback keeps the change rows.
     */
    private void refreshPerson(UUID person, LocalDate month, Instant now) {
        placeholder(person, month, now);
        if (entityManager.createNativeQuery("select 1 from leaderboard_entry where user_key = ?1 for update skip locked")
                .setParameter(1, person).getResultList().isEmpty()) {
            throw new Skipped("being refreshed elsewhere");
        }
        if (entityManager.createNativeQuery("delete from referral_rollup_change where member_user_id = ?1")
                .setParameter(1, person).executeUpdate() == 0) {
            // Another node listed them too and refreshed them since: their entry is current, the work is done.
            throw new Skipped("refreshed by another run");
        }
        Row all = Row.single(entityManager.createNativeQuery("""
                select coalesce(sum(paying_referrals), 0) as paying_all,
                       coalesce(sum(earned_minor - clawed_back_minor), 0) as earned_all_minor,
                       coalesce(sum(sign_ups), 0) as sign_ups_all,
                       coalesce(sum(paying_referrals) filter (where month = ?2), 0) as paying_month,
                       coalesce(sum(earned_minor - clawed_back_minor) filter (where month = ?2), 0) as earned_month_minor,
                       coalesce(max(month) > ?2, false) as in_later_month
                from referral_rollup_level where user_id = ?1""", Tuple.class)
                .setParameter(1, person).setParameter(2, java.sql.Date.valueOf(month)));
        if (all.bool("in_later_month")) {
            throw new Skipped("their figures are in a later month than this run's");
        }
        int written = entityManager.createNativeQuery("""
                update leaderboard_entry set public_name = (select display_name from leaderboard_profile where user_id = ?1),
                    month = ?2, paying_month = ?3, paying_all = ?4, earned_month_minor = ?5, earned_all_minor = ?6,
                    sign_ups_all = ?7, refreshed_at = ?8
                where user_key = ?1 and month <= ?2""")
                .setParameter(1, person).setParameter(2, java.sql.Date.valueOf(month))
                .setParameter(3, all.intValue("paying_month")).setParameter(4, all.intValue("paying_all"))
                .setParameter(5, all.longValue("earned_month_minor")).setParameter(6, all.longValue("earned_all_minor"))
                .setParameter(7, all.intValue("sign_ups_all")).setParameter(8, now).executeUpdate();
        if (written == 0 || monthTurned(month)) {
            throw new Skipped("the entry, or this host's clock, is in a later month than this run's");
        }
    }

    /** An entry to lock and update: the person's, or an empty one (never seen alone: it commits only once filled). */
    private void placeholder(UUID person, LocalDate month, Instant now) {
        entityManager.createNativeQuery("""
                insert into leaderboard_entry (user_key, month, paying_month, paying_all, earned_month_minor,
                    earned_all_minor, sign_ups_all, refreshed_at)
                values (?1, ?2, 0, 0, 0, 0, 0, ?3) on conflict (user_key) do nothing""")
                .setParameter(1, person).setParameter(2, java.sql.Date.valueOf(month)).setParameter(3, now).executeUpdate();
    }

    /** The person waits for the next run (the reason says why); their transaction rolls back. */
    private static final class Skipped extends RuntimeException {
        Skipped(String reason) {
            super(reason, null, false, false);
        }
    }

    /** The top of a ranking (people with nothing to show are left out). */
    @Transactional
    public List<Entry> top(Ranking ranking, UUID viewer) {
        LocalDate month = ReferralRollups.monthOf(clock.instant());
        String where = " where " + ranking.column + " > 0" + (ranking.thisMonthOnly ? " and month = ?" : "");
        String sql = "select user_key as user_key, public_name as public_name, " + ranking.column + " as ranked_value,"
                + " paying_all as paying_all, sign_ups_all as sign_ups_all from leaderboard_entry" + where
                + " order by " + ranking.column + " desc, user_key limit ?";
        Object[] parameters = ranking.thisMonthOnly ? new Object[] {month, config.size()} : new Object[] {config.size()};
        CommissionTiers tiers = tiers();
        // A public table refreshed by a job: a few seconds behind is nothing, so it may come from the replica.
        return reads.read(viewer, connection -> {
            java.util.ArrayList<Entry> entries = new java.util.ArrayList<>();
            for (Row r : JdbcRows.list(connection, sql, parameters)) {
                entries.add(new Entry(entries.size() + 1, r.string("public_name"), r.longValue("ranked_value"),
                        tiers.tierOf(tiers.score(r.longValue("paying_all"), r.longValue("sign_ups_all"))),
                        r.uuid("user_key").equals(viewer)));
            }
            return entries;
        });
    }

    /**
     * The viewer's own viral score and what gets them to the next tier: their counts as of the last refresh, scored
     * with the points configured now (a changed configuration applies to everyone at once).
     */
    @Transactional
    public CommissionTiers.Standing standingOf(UUID viewer) {
        NetworkCounts counts = networkCountsOf(viewer);
        return tiers().standing(tiers().score(counts.payingReferrals(), counts.signUps()));
    }

    /**
     * "Paying referrals in your network" and "Sign-ups in your network", all time, levels 1–7 (docs/dashboards.md,
     * glossary), as of the last refresh.
     */
    public record NetworkCounts(long payingReferrals, long signUps) {
    }

    /** The viewer's whole-network counts as of the last refresh; someone the job has not scored yet has zeros. */
    @Transactional
    public NetworkCounts networkCountsOf(UUID viewer) {
        Optional<Row> counts = reads.read(viewer, connection -> JdbcRows.first(connection, """
                select paying_all as paying_all, sign_ups_all as sign_ups_all from leaderboard_entry
                where user_key = ?""", viewer));
        return new NetworkCounts(counts.map(r -> r.longValue("paying_all")).orElse(0L),
                counts.map(r -> r.longValue("sign_ups_all")).orElse(0L));
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
        if (pro.dailydoco.core.Text.characters(name) > 40) {
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
            // The entry exists (or is created empty) first, so a refresh running now and this change take turns on
            // it: whichever writes last has read the new name. The note brings the figures of a new entry.
            Instant at = clock.instant();
            placeholder(viewer, ReferralRollups.monthOf(at), at);
            entityManager.createNativeQuery("update leaderboard_entry set public_name = ?2 where user_key = ?1")
                    .setParameter(1, viewer).setParameter(2, name.isEmpty() ? null : name).executeUpdate();
            rollups.noteChange(viewer);
            return null;
        });
    }
}
