package pro.dailydoco.project;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import pro.dailydoco.billing.Entitlements;
import pro.dailydoco.billing.Limit;
import pro.dailydoco.billing.LimitExceeded;
import pro.dailydoco.billing.OverageBilling;
import pro.dailydoco.billing.events.Plan;
import pro.dailydoco.tenant.TenantService;

/**
 * Video minutes as the plans limit them, counted from the media (docs/decisions/0197-video-minutes-metered-from-the-media.md):
 * a video counts its probed length rounded up to the second, in the calendar month (UTC) its processing finished;
 * a month's minutes are its seconds rounded up to the minute. Runs in the caller's tenant scope and transaction.
 */
@ApplicationScoped
public class VideoMetering {

    private final Entitlements entitlements;
    private final TenantService tenants;
    private final Clock clock;
    private final OverageBilling overage;

    VideoMetering(Entitlements entitlements, TenantService tenants, Clock clock, OverageBilling overage) {
        this.entitlements = entitlements;
        this.tenants = tenants;
        this.clock = clock;
        this.overage = overage;
    }

    /**
     * Bills the minutes that {@code seconds} just metered (already counted in this transaction) took past the plan's
     * allowance, when the workspace bills overage: the month's minutes past the allowance after them, less those
     * before them (docs/decisions/0200-usage-overage-choice.md). Runs in the transaction that metered them.
     */
    public void billOverage(UUID tenantId, long seconds) {
        long limit = Limit.VIDEO_MINUTES_PER_MONTH.of(entitlements.effectivePlan(tenantId));
        if (seconds <= 0 || limit == Plan.UNLIMITED) {
            return;
        }
        long after = secondsThisMonth();
        long past = Math.max(0, minutes(after) - limit) - Math.max(0, minutes(Math.max(0, after - seconds)) - limit);
        if (past > 0) {
            overage.bill(tenantId, Limit.VIDEO_MINUTES_PER_MONTH, past);
        }
    }

    /** Seconds counted in the current month (UTC). */
    public long secondsThisMonth() {
        Long sum = Video.find("select coalesce(sum(meteredSeconds), 0) from Video where meteredAt >= ?1", monthStart())
                .project(Long.class).firstResult();
        return sum == null ? 0 : sum;
    }

    /** The month's minutes as the billing page and the limit show them: seconds rounded up to the minute. */
    public long minutesThisMonth() {
        return minutes(secondsThisMonth());
    }

    public static long minutes(long seconds) {
        return (seconds + 59) / 60;
    }

    /** A length for people: "45 s", "1 min 2 s", "1 h 5 min 3 s". */
    public static String length(long seconds) {
        long h = seconds / 3600;
        long m = seconds % 3600 / 60;
        long s = seconds % 60;
        StringBuilder text = new StringBuilder();
        if (h > 0) {
            text.append(h).append(" h ");
        }
        if (h > 0 || m > 0) {
            text.append(m).append(" min ");
        }
        return text.append(s).append(" s").toString();
    }

    /**
     * Refuses {@code seconds} more when the month's metered seconds, plus the uploads probed but not yet finished
     * (they will count this month), plus them would pass the plan's minutes. Takes the workspace's lock, so two
     * uploads checked at the same moment are counted one after the other.
     *
     * @throws LimitExceeded (402) with the smallest plan that has room
     */
    public void requireRoomFor(UUID tenantId, long seconds, UUID exceptVideo) {
        tenants.lock(tenantId);
        Long pending = Video.find("""
                select coalesce(sum((durationMillis + 999) / 1000), 0) from Video
                where meteredAt is null and durationMillis is not null and mediaState in ('QUEUED', 'PROCESSING')
                  and id <> ?1""", exceptVideo == null ? new UUID(0, 0) : exceptVideo)
                .project(Long.class).firstResult();
        long used = secondsThisMonth() + (pending == null ? 0 : pending);
        Plan plan = entitlements.effectivePlan(tenantId);
        long limit = Limit.VIDEO_MINUTES_PER_MONTH.of(plan);
        if (limit == Plan.UNLIMITED || used + seconds <= limit * 60 || overage.allows(tenantId, Limit.VIDEO_MINUTES_PER_MONTH)) {
            return;
        }
        long wanted = minutes(used + seconds);
        Plan upgrade = Arrays.stream(Plan.values())
                .filter(p -> p.ordinal() > plan.ordinal() && Plan.within(Limit.VIDEO_MINUTES_PER_MONTH.of(p), wanted))
                .findFirst().orElse(null);
        throw new LimitExceeded(Limit.VIDEO_MINUTES_PER_MONTH, plan, minutes(used), wanted - minutes(used), upgrade);
    }

    Instant monthStart() {
        return YearMonth.now(clock.withZone(ZoneOffset.UTC)).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
