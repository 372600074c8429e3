package pro.dailydoco.account.secondfactor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import pro.dailydoco.core.SealedText;

/**
 * TOTP against the published test vectors of RFC 6238, Appendix B (seeds "12345678901234567890" for HMAC-SHA1, its
 * 32- and 64-byte extensions for SHA256 and SHA512; 30-second steps; 8 digits), and base32 against RFC 4648 section 10.
 */
class TotpTest {

    private static final byte[] SEED_SHA1 = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEED_SHA256 = "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEED_SHA512 = ("1234567890123456789012345678901234567890123456789012345678901234")
            .getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest(name = "T = {0} s")
    @CsvSource({
            "59,          94287082, 46119246, 90693936",
            "1111111109,  07081804, 68084774, 25091201",
            "1111111111,  14050471, 67062674, 99943326",
            "1234567890,  89005924, 91819424, 93441116",
            "2000000000,  69279037, 90698825, 38618901",
            "20000000000, 65353130, 77737706, 47863826" })
    void matchesTheTestVectorsOfRfc6238AppendixB(long unixSeconds, String sha1, String sha256, String sha512) {
        long step = Totp.step(Instant.ofEpochSecond(unixSeconds));
        assertEquals(sha1, Totp.code("HmacSHA1", SEED_SHA1, step, 8));
        assertEquals(sha256, Totp.code("HmacSHA256", SEED_SHA256, step, 8));
        assertEquals(sha512, Totp.code("HmacSHA512", SEED_SHA512, step, 8));
        // The 6 digits apps show are the same truncation modulo 10^6: the vector's last six digits.
        assertEquals(sha1.substring(2), Totp.code(SEED_SHA1, step));
    }

    @Test
    void acceptsTheStepBeforeAndAfterAndNothingFurther() {
        Instant now = Instant.ofEpochSecond(1111111111L);
        long step = Totp.step(now);
        for (long offset = -1; offset <= 1; offset++) {
            OptionalLong found = Totp.matchingStep(SEED_SHA1, Totp.code(SEED_SHA1, step + offset), now);
            assertEquals(OptionalLong.of(step + offset), found, "offset " + offset);
        }
        assertTrue(Totp.matchingStep(SEED_SHA1, Totp.code(SEED_SHA1, step - 2), now).isEmpty());
        assertTrue(Totp.matchingStep(SEED_SHA1, Totp.code(SEED_SHA1, step + 2), now).isEmpty());
    }

    @Test
    void refusesAnythingButSixDigits() {
        Instant now = Instant.ofEpochSecond(59);
        for (String typed : List.of("", "28708", "2870822", "28708a", "２８７０８２", " 287082", "-287082")) {
            assertTrue(Totp.matchingStep(SEED_SHA1, typed, now).isEmpty(), typed);
        }
        assertTrue(Totp.matchingStep(SEED_SHA1, null, now).isEmpty());
        assertEquals("287082", Totp.digitsOf("287 082"));
        assertEquals(OptionalLong.of(1), Totp.matchingStep(SEED_SHA1, Totp.digitsOf("287 082"), now));
    }

    @ParameterizedTest
    @CsvSource({ "f, MY", "fo, MZXQ", "foo, MZXW6", "foob, MZXW6YQ", "fooba, MZXW6YTB", "foobar, MZXW6YTBOI" })
    void base32IsRfc4648WithoutPadding(String text, String encoded) {
        assertEquals(encoded, Base32.encode(text.getBytes(StandardCharsets.US_ASCII)));
        assertArrayEquals(text.getBytes(StandardCharsets.US_ASCII), Base32.decode(encoded.toLowerCase()));
    }

    @Test
    void base32RefusesOtherCharactersAndIgnoresGrouping() {
        byte[] key = TotpSecrets.newKey();
        String encoded = Base32.encode(key);
        assertEquals(32, encoded.length(), "160 bits are 32 base32 characters");
        assertArrayEquals(key, Base32.decode(encoded.replaceAll("(.{4})", "$1 ")));
        assertThrows(IllegalArgumentException.class, () -> Base32.decode("MZXW1"));
    }

    @Test
    void recoveryCodesAreTenDistinctEightyBitCodesMatchedWhateverTheirSpacingAndCase() {
        List<String> codes = RecoveryCodes.generate();
        assertEquals(RecoveryCodes.COUNT, codes.size());
        assertEquals(codes.size(), new HashSet<>(codes).size());
        UUID owner = UUID.randomUUID();
        for (String code : codes) {
            assertTrue(code.matches("[a-z2-7]{4}(-[a-z2-7]{4}){3}"), code);
            assertTrue(RecoveryCodes.looksLikeOne(code));
            assertEquals(RecoveryCodes.hash(owner, code), RecoveryCodes.hash(owner, " " + code.toUpperCase().replace("-", " ")));
            assertFalse(RecoveryCodes.hash(owner, code).contains(RecoveryCodes.normalise(code)));
        }
        assertFalse(RecoveryCodes.hash(owner, codes.get(0)).equals(RecoveryCodes.hash(UUID.randomUUID(), codes.get(0))),
                "the same code hashes differently for another person");
        assertFalse(RecoveryCodes.looksLikeOne("123456"));
    }

    @Test
    void aSealedKeyOpensOnlyWithItsPassphraseAndForItsOwner() throws GeneralSecurityException {
        String owner = UUID.randomUUID().toString();
        String sealed = SealedText.seal("key one", "JBSWY3DPEHPK3PXP", owner);
        assertFalse(sealed.contains("JBSWY3DPEHPK3PXP"));
        assertEquals("JBSWY3DPEHPK3PXP", SealedText.open("key one", sealed, owner));
        assertThrows(GeneralSecurityException.class, () -> SealedText.open("key two", sealed, owner));
        assertThrows(GeneralSecurityException.class, () -> SealedText.open("key one", sealed, UUID.randomUUID().toString()));
    }
}
