package pro.dailydoco.core.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.persistence.Tuple;
import jakarta.persistence.TupleElement;

/**
 * {@link Row}s read over a plain JDBC connection (the primary's or a replica's), for reads written once and run on
 * either ({@link SqlWork}). Parameters are JDBC's {@code ?}, bound in order; dates and instants become their SQL
 * types.
 */
public final class JdbcRows {

    private JdbcRows() {
    }

    public static List<Row> list(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, sqlValue(parameters[i]));
            }
            try (ResultSet rs = statement.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                List<Row> rows = new ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> values = new LinkedHashMap<>();
                    for (int c = 1; c <= meta.getColumnCount(); c++) {
                        values.put(meta.getColumnLabel(c), rs.getObject(c));
                    }
                    rows.add(new Row(new MapTuple(values)));
                }
                return rows;
            }
        }
    }

    public static Optional<Row> first(Connection connection, String sql, Object... parameters) throws SQLException {
        return list(connection, sql, parameters).stream().findFirst();
    }

    /** The one row of a query that always answers one (an aggregate). */
    public static Row single(Connection connection, String sql, Object... parameters) throws SQLException {
        List<Row> rows = list(connection, sql, parameters);
        if (rows.size() != 1) {
            throw new SQLException("Expected one row, got " + rows.size());
        }
        return rows.get(0);
    }

    private static Object sqlValue(Object value) {
        if (value instanceof LocalDate date) {
            return java.sql.Date.valueOf(date);
        }
        if (value instanceof Instant instant) {
            return java.sql.Timestamp.from(instant);
        }
        return value;
    }

    /** A row's values by column label: what {@link Row} reads, without a persistence context. */
    private record MapTuple(Map<String, Object> values) implements Tuple {

        @Override
        public <X> X get(TupleElement<X> element) {
            return element.getJavaType().cast(get(element.getAlias()));
        }

        @Override
        public <X> X get(String alias, Class<X> type) {
            return type.cast(get(alias));
        }

        @Override
        public Object get(String alias) {
            if (!values.containsKey(alias)) {
                throw new IllegalArgumentException("No column " + alias);
            }
            return values.get(alias);
        }

        @Override
        public <X> X get(int i, Class<X> type) {
            return type.cast(get(i));
        }

        @Override
        public Object get(int i) {
            return toArray()[i];
        }

        @Override
        public Object[] toArray() {
            return values.values().toArray();
        }

        @Override
        public List<TupleElement<?>> getElements() {
            return List.of();
        }
    }
}
