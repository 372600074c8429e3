package pro.dailydoco.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Plain JUnit: the secret box and the issuer guard need no server. */
class SsoSecretsAndGuardTest {

    static SsoConfig config(String key, boolean allowLoopback) {
        return new SsoConfig() {
            public Optional<String> encryptionKey() {
                return Optional.ofNullable(key);
            }

            public boolean allowLoopback() {
                return allowLoopback;
            }

            public Duration fetchTimeout() {
                return Duration.ofSeconds(1);
            }
        };
    }

    @Test
    void secretsRoundTripAndAreBoundToTheirTenantAndKey() {
        SecretBox box = new SecretBox(config("key-one", false));
        String sealed = box.encrypt("client-secret", "tenant-a");
        assertNotEquals(sealed, box.encrypt("client-secret", "tenant-a"), "a fresh IV every time");
        assertEquals("client-secret", box.decrypt(sealed, "tenant-a"));
        assertThrows(IllegalStateException.class, () -> box.decrypt(sealed, "tenant-b"));
        assertThrows(IllegalStateException.class, () -> new SecretBox(config("key-two", false)).decrypt(sealed, "tenant-a"));
    }

    @Test
    void theGuardAllowsOnlyPublicHttpsIssuers() {
        IssuerGuard strict = new IssuerGuard(config("k", false));
        assertTrue(strict.problemWith("https://93.184.215.14/realms/x").isEmpty());
        assertTrue(strict.problemWith("http://93.184.215.14/realms/x").orElseThrow().contains("https"));
        for (String internal : new String[] { "https://127.0.0.1/", "https://[::1]/", "https://10.0.0.5/", "https://172.16.3.4/",
                "https://192.168.1.1/", "https://169.254.169.254/", "https://100.64.0.1/", "https://[fd00::1]/", "https://0.0.0.0/" }) {
            assertTrue(strict.problemWith(internal).orElse("").contains("internal address"), internal);
        }
        assertTrue(strict.problemWith("https://user:pw@93.184.215.14/").isPresent());
        IssuerGuard forTests = new IssuerGuard(config("k", true));
        assertTrue(forTests.problemWith("http://127.0.0.1:8180/realms/x").isEmpty());
        assertTrue(forTests.problemWith("http://10.0.0.5/realms/x").isPresent(), "only loopback is relaxed");
    }

    @Test
    void anAddressInAShortOrNumericFormIsNamedForWhatItIs() {
        IssuerGuard strict = new IssuerGuard(config("k", false));
        // Browsers and curl read these as 127.0.0.1, 10.0.0.1 and 192.168.0.1: not host names that fail to resolve.
        for (String[] urlAndAddress : new String[][] { { "http://127.1", "127.0.0.1" }, { "https://127.1/realms/x", "127.0.0.1" },
                { "https://2130706433/", "127.0.0.1" }, { "https://0x7f.0.0.1/", "127.0.0.1" }, { "https://10.1/", "10.0.0.1" },
                { "https://0300.0250.0.1/", "192.168.0.1" } }) {
            String problem = strict.problemWith(urlAndAddress[0]).orElse("");
            assertTrue(problem.contains("internal address (" + urlAndAddress[1] + ")"), urlAndAddress[0] + ": " + problem);
        }
        String publicShort = strict.problemWith("https://93.184.55044/").orElse("");
        assertTrue(publicShort.contains("short numeric form") && publicShort.contains("93.184.215.4"), publicShort);
        assertTrue(strict.problemWith("https://999.1/").orElse("").contains("not a valid IP address"));
    }
}
