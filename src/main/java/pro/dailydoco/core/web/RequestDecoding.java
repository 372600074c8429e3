package pro.dailydoco.core.web;

import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.sql.SQLException;

/**
 * Tells a client's undecodable request apart from a fault of ours, by what was thrown (docs/decisions/0090-input-rules.md).
 */
final class RequestDecoding {

    enum Failure { PERCENT_ESCAPE, CHARACTER_SET, NONE }

    /** The framework's URL decoder; it throws a plain IllegalArgumentException for a broken escape. */
    private static final String URL_DECODER = "org.jboss.resteasy.reactive.common.util.URLUtils";
    private static final String FORM_PARSER = "org.jboss.resteasy.reactive.server.core.multipart.";

    /** PostgreSQL: invalid byte sequence (NUL included), and a character with no equivalent in the encoding. */
    private static final java.util.Set<String> UNSTORABLE_TEXT = java.util.Set.of("22021", "22P05");

    private RequestDecoding() {
    }

    static Failure failureOf(IllegalArgumentException e) {
        if (e instanceof UnsupportedCharsetException || e instanceof IllegalCharsetNameException) {
            return thrownWhileDecoding(e) ? Failure.CHARACTER_SET : Failure.NONE;
        }
        StackTraceElement[] trace = e.getStackTrace();
        return trace.length > 0 && trace[0].getClassName().equals(URL_DECODER) ? Failure.PERCENT_ESCAPE : Failure.NONE;
    }

    /** Thrown by the framework's form or URL decoding, not by our code. */
    private static boolean thrownWhileDecoding(Throwable e) {
        for (StackTraceElement frame : e.getStackTrace()) {
            if (frame.getClassName().startsWith("pro.dailydoco.")) {
                return false;
            }
            if (frame.getClassName().equals(URL_DECODER) || frame.getClassName().startsWith(FORM_PARSER)) {
                return true;
            }
        }
        return false;
    }

    static boolean isUnstorableText(Throwable e) {
        String state = sqlState(e);
        return state != null && UNSTORABLE_TEXT.contains(state);
    }

    static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}
