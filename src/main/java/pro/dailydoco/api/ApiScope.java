package pro.dailydoco.api;

import java.util.Locale;
import java.util.Optional;

import pro.dailydoco.core.Labelled;

/** What an API key may do; a key holds one or more (docs/decisions/0183-api-keys.md). */
public enum ApiScope implements Labelled {
    /** Read projects, videos and members. */
    READ("Read"),
    /** Create, change and delete projects and videos. */
    WRITE("Write"),
    /** Read the referral figures of the person who created the key. */
    REFERRALS("Referrals");

    private final String label;

    ApiScope(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ApiScope> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (ApiScope scope : values()) {
            if (scope.name().equalsIgnoreCase(value.trim())) {
                return Optional.of(scope);
            }
        }
        return Optional.empty();
    }
}
