package pro.dailydoco.api.v1;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import pro.dailydoco.api.ApiProblem;

/**
 * The opaque {@code cursor} of a list: where the previous page ended (creation time and the row's key: an id, or a
 * ledger row's position), so pages stay right while items are added or removed. Clients pass back {@code nextCursor}
 * as it is.
 */
record Cursor(Instant createdAt, String key) {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    static Cursor after(Instant createdAt, Object key) {
        return new Cursor(createdAt, key.toString());
    }

    /** The key as an id. */
    UUID id() {
        try {
            return UUID.fromString(key);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    /** The key as a ledger row's position. */
    long position() {
        try {
            return Long.parseLong(key);
        } catch (NumberFormatException e) {
            throw invalid();
        }
    }

    String encode() {
        String raw = createdAt.getEpochSecond() + "." + createdAt.getNano() + ":" + key;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
    }

    /** The cursor a client sent back, or null for the first page. */
    static Cursor decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            int colon = raw.indexOf(':');
            int dot = raw.indexOf('.');
            if (colon < 0 || dot < 0 || dot > colon) {
                throw new IllegalArgumentException(raw);
            }
            Instant at = Instant.ofEpochSecond(Long.parseLong(raw.substring(0, dot)), Long.parseLong(raw.substring(dot + 1, colon)));
            String key = raw.substring(colon + 1);
            if (key.isEmpty()) {
                throw new IllegalArgumentException(raw);
            }
            return new Cursor(at, key);
        } catch (RuntimeException e) {
            throw invalid();
        }
    }

    private static ApiProblem invalid() {
        return new ApiProblem(400, "invalid-cursor", "Invalid cursor",
                "The cursor is not one this API gave out. Pass back 'nextCursor' of the previous page as it is, or"
                        + " leave it out for the first page.");
    }

    /** The page size a client asked for: 1 to 100, 20 when not given. */
    static int limit(String limit) {
        if (limit == null || limit.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(limit);
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ApiProblem(400, "invalid-limit", "Invalid limit", "'limit' is a whole number from 1 to " + MAX_LIMIT + ".");
    }
}
