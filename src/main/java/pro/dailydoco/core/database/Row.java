package pro.dailydoco.core.database;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Query;
import jakarta.persistence.Tuple;
import pro.dailydoco.core.Timestamps;

/**
 * One row of a native query, read by column name (the {@code as} alias in the SQL), never by position: a column
 * added to or moved in the select list cannot shift another one's meaning. Create the query with
 * {@code entityManager.createNativeQuery(sql, Tuple.class)} and read it through {@link #list}, {@link #single} or
 * {@link #first}. PostgreSQL folds unquoted aliases to lower case, so names are written in snake_case.
 */
public record Row(Tuple tuple) {

    /** Every row of a query created with {@code Tuple.class}. */
    public static List<Row> list(Query query) {
        return ((List<?>) query.getResultList()).stream().map(t -> new Row((Tuple) t)).toList();
    }

    /** The one row of a query created with {@code Tuple.class} (JPA's exceptions when there is none or several). */
    public static Row single(Query query) {
        return new Row((Tuple) query.getSingleResult());
    }

    /** The first row, if any, of a query created with {@code Tuple.class}. */
    public static Optional<Row> first(Query query) {
        return ((List<?>) query.setMaxResults(1).getResultList()).stream().findFirst().map(t -> new Row((Tuple) t));
    }

    /** The raw value of a column, as the driver handed it back. */
    public Object value(String column) {
        return tuple.get(column);
    }

    public String string(String column) {
        Object value = value(column);
        return value == null ? null : value.toString();
    }

    public UUID uuid(String column) {
        Object value = value(column);
        return value == null ? null : value instanceof UUID id ? id : UUID.fromString(value.toString());
    }

    /** A whole number column; 0 when it is null (use {@link #nullableLong} where null means something). */
    public long longValue(String column) {
        Object value = value(column);
        return value == null ? 0L : ((Number) value).longValue();
    }

    public Long nullableLong(String column) {
        Object value = value(column);
        return value == null ? null : ((Number) value).longValue();
    }

    /** A whole number column that fits an int; 0 when it is null. */
    public int intValue(String column) {
        return Math.toIntExact(longValue(column));
    }

    public BigDecimal decimal(String column) {
        Object value = value(column);
        return value == null ? null : value instanceof BigDecimal d ? d : new BigDecimal(value.toString());
    }

    /** A boolean column; false when it is null. */
    public boolean bool(String column) {
        return Boolean.TRUE.equals(value(column));
    }

    public Instant instant(String column) {
        return Timestamps.instant(value(column));
    }

    public LocalDate date(String column) {
        return Timestamps.date(value(column));
    }
}
