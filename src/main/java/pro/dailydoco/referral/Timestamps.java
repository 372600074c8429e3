package pro.dailydoco.referral;

import java.time.Instant;
import java.time.OffsetDateTime;

/** Native queries hand back timestamptz as one of several types depending on the driver path. */
final class Timestamps {

    private Timestamps() {
    }

    static Instant instant(Object value) {
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
}
