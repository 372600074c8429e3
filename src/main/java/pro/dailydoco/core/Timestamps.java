package pro.dailydoco.core;

import java.time.Instant;
import java.time.OffsetDateTime;

/** Native queries hand back timestamptz and date columns as one of several types depending on the driver path. */
public final class Timestamps {

    private Timestamps() {
    }

    /** The instant a native query's timestamptz column holds, whichever Java type the driver path chose; null stays null. */
    public static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toInstant();
        }
        throw new IllegalStateException("Unexpected timestamp type " + value.getClass());
    }

    /** The day a native query's date column holds ({@code java.sql.Date} or {@code LocalDate}); null stays null. */
    public static java.time.LocalDate date(Object value) {
        return value instanceof java.sql.Date d ? d.toLocalDate() : (java.time.LocalDate) value;
    }
}
