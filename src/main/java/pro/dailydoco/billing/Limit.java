package pro.dailydoco.billing;

import java.util.function.ToLongFunction;

import pro.dailydoco.billing.events.Plan;

/** A countable limit of the plan catalogue, with the words to name it in a message. */
public enum Limit {
    SEATS("seats", Plan::seats),
    PROJECTS("documentation projects", Plan::projects),
    VIDEO_MINUTES_PER_MONTH("video minutes a month", Plan::videoMinutesPerMonth),
    API_CALLS_PER_MONTH("API calls a month", Plan::apiCallsPerMonth);

    private final String label;
    private final ToLongFunction<Plan> value;

    Limit(String label, ToLongFunction<Plan> value) {
        this.label = label;
        this.value = value;
    }

    public String label() {
        return label;
    }

    /** The plan's value for this limit; {@link Plan#UNLIMITED} means none. */
    public long of(Plan plan) {
        return value.applyAsLong(plan);
    }
}
