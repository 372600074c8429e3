package pro.dailydoco.core.database;

import java.sql.Connection;
import java.sql.SQLException;

/** Reading done over one JDBC connection, which may be the primary's or the replica's: plain SQL, no entities. */
@FunctionalInterface
public interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
}
