package pro.dailydoco.support;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * The test profile's JDBC driver: PostgreSQL's, with every connection counted as the database sees it. A statement is
 * any execute call; a transaction is a commit or rollback that ended at least one statement, or a statement run in
 * auto-commit (PostgreSQL wraps each in a transaction of its own). Jobs are off in tests and test classes run one
 * after another, so the difference across one HTTP request is that request's cost ({@link #measure}).
 */
public class CountingJdbcDriver implements Driver {

    private static final AtomicInteger STATEMENTS = new AtomicInteger();
    private static final AtomicInteger TRANSACTIONS = new AtomicInteger();

    /** What a piece of work cost the database. */
    public record Cost(int transactions, int statements) {
    }

    private final Driver postgres = new org.postgresql.Driver();

    /** Runs {@code work} and returns the statements and transactions every connection of the app ran meanwhile. */
    public static Cost measure(Runnable work) {
        int statements = STATEMENTS.get();
        int transactions = TRANSACTIONS.get();
        work.run();
        return new Cost(TRANSACTIONS.get() - transactions, STATEMENTS.get() - statements);
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        Connection connection = postgres.connect(url, info);
        return connection == null ? null : counted(connection);
    }

    private static Connection counted(Connection connection) throws SQLException {
        ConnectionCounter counter = new ConnectionCounter(connection);
        return (Connection) Proxy.newProxyInstance(CountingJdbcDriver.class.getClassLoader(),
                new Class<?>[] { Connection.class }, counter);
    }

    private static final class ConnectionCounter implements InvocationHandler {

        private final Connection connection;
        private boolean autoCommit;
        private int statementsInTransaction;

        ConnectionCounter(Connection connection) throws SQLException {
            this.connection = connection;
            this.autoCommit = connection.getAutoCommit();
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            Object result;
            try {
                result = method.invoke(connection, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            switch (method.getName()) {
                case "setAutoCommit" -> {
                    boolean on = (Boolean) args[0];
                    if (on && !autoCommit) {
                        ended(); // switching auto-commit on commits the open transaction
                    }
                    autoCommit = on;
                }
                case "commit", "rollback" -> {
                    if (args == null || args.length == 0) {
                        ended();
                    }
                }
                case "createStatement", "prepareStatement", "prepareCall" -> {
                    Statement statement = (Statement) result;
                    Class<?> type = method.getReturnType();
                    return Proxy.newProxyInstance(CountingJdbcDriver.class.getClassLoader(), new Class<?>[] { type },
                            (p, m, a) -> {
                                if (m.getName().startsWith("execute")) {
                                    executed();
                                }
                                try {
                                    return m.invoke(statement, a);
                                } catch (InvocationTargetException e) {
                                    throw e.getCause();
                                }
                            });
                }
                default -> {
                }
            }
            return result;
        }

        private synchronized void executed() {
            STATEMENTS.incrementAndGet();
            if (autoCommit) {
                TRANSACTIONS.incrementAndGet();
            } else {
                statementsInTransaction++;
            }
        }

        private synchronized void ended() {
            if (statementsInTransaction > 0) {
                TRANSACTIONS.incrementAndGet();
            }
            statementsInTransaction = 0;
        }
    }

    @Override
    public boolean acceptsURL(String url) throws SQLException {
        return postgres.acceptsURL(url);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
        return postgres.getPropertyInfo(url, info);
    }

    @Override
    public int getMajorVersion() {
        return postgres.getMajorVersion();
    }

    @Override
    public int getMinorVersion() {
        return postgres.getMinorVersion();
    }

    @Override
    public boolean jdbcCompliant() {
        return postgres.jdbcCompliant();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return postgres.getParentLogger();
    }
}
