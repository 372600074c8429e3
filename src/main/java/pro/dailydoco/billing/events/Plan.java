package pro.dailydoco.billing.events;

import java.util.Locale;
import java.util.Optional;

import pro.dailydoco.core.Money;

/**
 * The plan catalogue: monthly price and the limits the product enforces. {@link #UNLIMITED} means no limit.
 * One table, shown as is on the pricing page.
 */
public enum Plan {
    FREE("Free", 0, 1, 3, 60, 1_000, false),
    PRO("Pro", 29_00, 1, 20, 600, 50_000, false),
    TEAM("Team", 99_00, 10, 100, 3_000, 500_000, false),
    ENTERPRISE("Enterprise", 299_00, Plan.UNLIMITED, Plan.UNLIMITED, Plan.UNLIMITED, Plan.UNLIMITED, true);

    public static final long UNLIMITED = -1;

    private final String displayName;
    private final long monthlyPriceCents;
    private final long seats;
    private final long projects;
    private final long videoMinutesPerMonth;
    private final long apiCallsPerMonth;
    private final boolean sso;

    Plan(String displayName, long monthlyPriceCents, long seats, long projects, long videoMinutesPerMonth,
            long apiCallsPerMonth, boolean sso) {
        this.displayName = displayName;
        this.monthlyPriceCents = monthlyPriceCents;
        this.seats = seats;
        this.projects = projects;
        this.videoMinutesPerMonth = videoMinutesPerMonth;
        this.apiCallsPerMonth = apiCallsPerMonth;
        this.sso = sso;
    }

    public String displayName() {
        return displayName;
    }

    public Money monthlyPrice() {
        return Money.usd(monthlyPriceCents);
    }

    public long seats() {
        return seats;
    }

    public long projects() {
        return projects;
    }

    public long videoMinutesPerMonth() {
        return videoMinutesPerMonth;
    }

    public long apiCallsPerMonth() {
        return apiCallsPerMonth;
    }

    public boolean sso() {
        return sso;
    }

    /** Whether {@code count} items fit within a limit (a count of 0 is always allowed). */
    public static boolean within(long limit, long count) {
        return limit == UNLIMITED || count <= limit;
    }

    public static Optional<Plan> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(name.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
