package pro.dailydoco;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A mapping's {@code @WithDefault} is the only place a default is written, and the jobs' {@code @Scheduled}
 * expressions name their property without repeating it (docs/decisions/0052-configuration-mappings.md). That holds
 * only while Quarkus lets plain configuration look-ups see the mappings' defaults.
 */
@QuarkusTest
class ConfigurationDefaultsTest {

    @Test
    void plainLookUpsSeeTheDefaultsOfTheMappings() {
        // Neither is set in application.properties: the values come from ReferralConfig and SsoConfig.
        assertEquals("P30D", ConfigProvider.getConfig().getValue("dailydoco.referral.hold-period", String.class));
        assertEquals("5s", ConfigProvider.getConfig().getValue("dailydoco.sso.fetch-timeout", String.class));
    }
}
