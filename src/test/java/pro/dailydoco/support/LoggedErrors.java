package pro.dailydoco.support;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Records what the application logs at ERROR (SEVERE) or with a stack trace while a test runs, so the test can
 * assert that bad input was answered without one. The app runs in the test's JVM, so its log records pass through
 * the root logger here. Use in try-with-resources.
 */
public final class LoggedErrors extends Handler implements AutoCloseable {

    private final List<String> records = new ArrayList<>();

    private LoggedErrors() {
    }

    public static LoggedErrors capture() {
        LoggedErrors handler = new LoggedErrors();
        handler.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(handler);
        return handler;
    }

    @Override
    public synchronized void publish(LogRecord record) {
        if (record.getThrown() != null || record.getLevel().intValue() >= Level.SEVERE.intValue()) {
            Throwable thrown = record.getThrown();
            records.add(record.getLoggerName() + ": " + record.getMessage()
                    + (thrown == null ? "" : " [" + thrown.getClass().getName() + ": " + thrown.getMessage() + "]"));
        }
    }

    /** What was logged with a stack trace or at ERROR since {@link #capture()} or the last call. */
    public synchronized List<String> drain() {
        List<String> copy = List.copyOf(records);
        records.clear();
        return copy;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
