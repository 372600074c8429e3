package pro.dailydoco.support;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * Puts the display name of a failing case ("seed N", or a fixed case's name) at the head of its failure message, since
 * build logs often show only the method name and the case's index; for a seed it also says how to run it first.
 */
public final class CaseNameInFailures implements TestExecutionExceptionHandler {

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        if (thrown instanceof TestAbortedException) {
            throw thrown; // a skipped case stays skipped
        }
        String name = context.getDisplayName();
        String replay = name.startsWith("seed ")
                ? " (run it first: -D" + Seeds.PROPERTY + "=" + name.substring("seed ".length()) + ")"
                : "";
        String what = thrown instanceof AssertionError ? thrown.getMessage() : thrown.toString();
        throw new AssertionFailedError(name + replay + ": " + what, thrown);
    }
}
