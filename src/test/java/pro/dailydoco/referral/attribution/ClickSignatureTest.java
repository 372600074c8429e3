package pro.dailydoco.referral.attribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The attribution cookie's key must be set in production: without it start-up says what is lost. */
class ClickSignatureTest {

    @Test
    void aMissingOrBlankCookieKeyIsAStartUpWarningThatNamesTheVariableAndTheLoss() {
        for (Optional<String> missing : java.util.List.of(Optional.<String> empty(), Optional.of("  "))) {
            String warning = ClickSignature.missingKeyWarning(missing).orElseThrow();
            assertTrue(warning.contains("DAILYDOCO_REFERRAL_COOKIE_KEY is not set"), warning);
            assertTrue(warning.contains("another instance") && warning.contains("loses its referral"), warning);
        }
        assertEquals(Optional.empty(), ClickSignature.missingKeyWarning(Optional.of("a-configured-key")));
    }
}
