package pro.dailydoco;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import pro.dailydoco.account.AccountConfig;
import pro.dailydoco.billing.BillingConfig;
import pro.dailydoco.privacy.PrivacyConfig;
import pro.dailydoco.referral.LeaderboardConfig;
import pro.dailydoco.referral.ReferralConfig;
import pro.dailydoco.sso.SsoConfig;
import pro.dailydoco.tenant.TenantConfig;

/**
 * Deployments set the application's settings by property name or environment variable, so those names are a contract:
 * regrouping the mappings must not change them, nor any default (docs/decisions/0052-configuration-mappings.md). The
 * configuration is built as in production: the real application.properties, the prod profile, and an environment.
 * Unknown names under a mapping's prefix fail the build of the configuration.
 */
class ConfigurationNamesTest {

    /** The mappings as the application reads them. */
    record Settings(TenantConfig tenant, AccountConfig account, BillingConfig billing, ReferralConfig referral,
            LeaderboardConfig leaderboard, SsoConfig sso, PrivacyConfig privacy) {
    }

    /**
     * One setting: its property, the environment variable deployments use for it (null: the property's own
     * environment name), a value to set and what the mapping then reads, and the default.
     */
    record Setting(String property, String environment, String value, Object expected, Object byDefault,
            Function<Settings, Object> read) {

        String variable() {
            return environment != null ? environment
                    : property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
        }
    }

    private static final List<String> DISPOSABLE_DOMAINS = List.of("mailinator.com", "guerrillamail.com",
            "guerrillamail.info", "sharklasers.com", "10minutemail.com", "yopmail.com", "temp-mail.org", "tempmail.com",
            "trashmail.com", "getnada.com", "dispostable.com", "maildrop.cc", "throwawaymail.com", "fakeinbox.com",
            "mailnesia.com", "mintemail.com", "emailondeck.com", "spamgourmet.com");

    static final List<Setting> SETTINGS = List.of(
            new Setting("dailydoco.tenant.base-url", "DAILYDOCO_BASE_URL", "https://docs.example.com",
                    "https://docs.example.com", "http://localhost:8080", s -> s.tenant().baseUrl()),
            new Setting("dailydoco.tenant.base-domain", "DAILYDOCO_BASE_DOMAIN", "docs.example.com", "docs.example.com",
                    "dailydoco.localhost", s -> s.tenant().baseDomain()),
            new Setting("dailydoco.tenant.definitions-directory", "DAILYDOCO_TENANTS_DIR", "/etc/tenants", "/etc/tenants",
                    "tenants", s -> s.tenant().definitionsDirectory()),

            new Setting("dailydoco.account.csrf-key", "DAILYDOCO_CSRF_KEY", "k", Optional.of("k"), Optional.empty(),
                    s -> s.account().csrfKey()),
            new Setting("dailydoco.account.operator-emails", "DAILYDOCO_OPERATOR_EMAILS", "a@x.test,b@x.test",
                    Optional.of(List.of("a@x.test", "b@x.test")), Optional.empty(), s -> s.account().operatorEmails()),
            new Setting("dailydoco.account.trusted-proxies", "DAILYDOCO_TRUSTED_PROXIES", "10.0.0.1",
                    Optional.of(List.of("10.0.0.1")), Optional.empty(), s -> s.account().trustedProxies()),
            new Setting("dailydoco.account.login-max-failures", "DAILYDOCO_LOGIN_MAX_FAILURES", "9", 9, 5,
                    s -> s.account().loginMaxFailures()),
            new Setting("dailydoco.account.bcrypt-cost", "DAILYDOCO_BCRYPT_COST", "10", 10, 12,
                    s -> s.account().bcryptCost()),
            new Setting("dailydoco.account.session-idle-timeout", "DAILYDOCO_SESSION_IDLE_TIMEOUT", "PT3H",
                    Duration.ofHours(3), Duration.ofHours(2), s -> s.account().sessionIdleTimeout()),
            new Setting("dailydoco.account.session-absolute-timeout", "DAILYDOCO_SESSION_ABSOLUTE_TIMEOUT", "P3D",
                    Duration.ofDays(3), Duration.ofDays(7), s -> s.account().sessionAbsoluteTimeout()),
            new Setting("dailydoco.account.login-window", null, "PT5M", Duration.ofMinutes(5), Duration.ofMinutes(15),
                    s -> s.account().loginWindow()),
            new Setting("dailydoco.account.login-backoff-base", null, "PT2M", Duration.ofMinutes(2),
                    Duration.ofMinutes(1), s -> s.account().loginBackoffBase()),
            new Setting("dailydoco.account.login-backoff-max", null, "PT2H", Duration.ofHours(2), Duration.ofHours(1),
                    s -> s.account().loginBackoffMax()),
            new Setting("dailydoco.account.signup-max-per-ip", null, "3", 3, 10, s -> s.account().signupMaxPerIp()),
            new Setting("dailydoco.account.invitation-validity", null, "P1D", Duration.ofDays(1), Duration.ofDays(7),
                    s -> s.account().invitationValidity()),
            new Setting("dailydoco.account.verification-validity", null, "P1D", Duration.ofDays(1), Duration.ofDays(2),
                    s -> s.account().verificationValidity()),
            new Setting("dailydoco.account.password-reset-validity", null, "PT2H", Duration.ofHours(2),
                    Duration.ofHours(1), s -> s.account().passwordResetValidity()),
            new Setting("dailydoco.account.second-factor-key", "DAILYDOCO_SECOND_FACTOR_KEY", "tk", Optional.of("tk"),
                    Optional.empty(), s -> s.account().secondFactorKey()),
            new Setting("dailydoco.account.second-factor-grace-period", null, "P3D", Duration.ofDays(3),
                    Duration.ofDays(14), s -> s.account().secondFactorGracePeriod()),
            new Setting("dailydoco.account.second-factor-step-validity", null, "PT2M", Duration.ofMinutes(2),
                    Duration.ofMinutes(5), s -> s.account().secondFactorStepValidity()),

            new Setting("dailydoco.billing.stripe-api-key", "STRIPE_API_KEY", "sk_live_x", Optional.of("sk_live_x"),
                    Optional.empty(), s -> s.billing().stripeApiKey()),
            new Setting("dailydoco.billing.webhook-secret", "STRIPE_WEBHOOK_SECRET", "whsec_x", Optional.of("whsec_x"),
                    Optional.empty(), s -> s.billing().webhookSecret()),
            new Setting("dailydoco.billing.stripe-api-base", "DAILYDOCO_STRIPE_API_BASE", "http://127.0.0.1:9",
                    "http://127.0.0.1:9", "https://api.stripe.com", s -> s.billing().stripeApiBase()),
            new Setting("dailydoco.billing.prices.pro", "DAILYDOCO_PRICE_PRO", "price_a,price_b",
                    Optional.of(List.of("price_a", "price_b")), Optional.empty(), s -> s.billing().prices().pro()),
            new Setting("dailydoco.billing.prices.team", "DAILYDOCO_PRICE_TEAM", "price_t", Optional.of(List.of("price_t")),
                    Optional.empty(), s -> s.billing().prices().team()),
            new Setting("dailydoco.billing.prices.enterprise", "DAILYDOCO_PRICE_ENTERPRISE", "price_e",
                    Optional.of(List.of("price_e")), Optional.empty(), s -> s.billing().prices().enterprise()),
            new Setting("dailydoco.billing.grace-period", null, "3d", Duration.ofDays(3), Duration.ofDays(7),
                    s -> s.billing().gracePeriod()),
            new Setting("dailydoco.billing.webhook-max-attempts", "DAILYDOCO_WEBHOOK_MAX_ATTEMPTS", "3", 3, 8,
                    s -> s.billing().webhookMaxAttempts()),
            new Setting("dailydoco.billing.webhook-retry-every", "DAILYDOCO_WEBHOOK_RETRY_EVERY", "5m", "5m", "10s",
                    s -> s.billing().webhookRetryEvery()),
            new Setting("dailydoco.billing.webhook-tolerance", null, "60s", Duration.ofSeconds(60),
                    Duration.ofSeconds(300), s -> s.billing().webhookTolerance()),
            new Setting("dailydoco.billing.webhook-retry-delay", null, "2m", Duration.ofMinutes(2), Duration.ofMinutes(1),
                    s -> s.billing().webhookRetryDelay()),
            new Setting("dailydoco.billing.webhook-retry-max-delay", null, "2h", Duration.ofHours(2), Duration.ofHours(1),
                    s -> s.billing().webhookRetryMaxDelay()),

            new Setting("dailydoco.referral.cookie-key", null, "rk", Optional.of("rk"), Optional.empty(),
                    s -> s.referral().attribution().cookieKey()),
            new Setting("dailydoco.referral.attribution-window", null, "P10D", Duration.ofDays(10), Duration.ofDays(60),
                    s -> s.referral().attribution().window()),
            new Setting("dailydoco.referral.attribution-model", null, "FIRST_CLICK",
                    ReferralConfig.AttributionModel.FIRST_CLICK, ReferralConfig.AttributionModel.LAST_CLICK,
                    s -> s.referral().attribution().model()),
            new Setting("dailydoco.referral.click-max-per-ip", null, "7", 7, 30,
                    s -> s.referral().attribution().clickMaxPerIp()),
            new Setting("dailydoco.referral.click-window", null, "PT2H", Duration.ofHours(2), Duration.ofHours(1),
                    s -> s.referral().attribution().clickWindow()),
            new Setting("dailydoco.referral.disposable-domains", null, "a.test,b.test", List.of("a.test", "b.test"),
                    DISPOSABLE_DOMAINS, s -> s.referral().guards().disposableDomains()),
            new Setting("dailydoco.referral.max-signups-per-address", null, "2", 2, 5,
                    s -> s.referral().guards().maxSignupsPerAddress()),
            new Setting("dailydoco.referral.signup-address-window", null, "PT6H", Duration.ofHours(6),
                    Duration.ofHours(24), s -> s.referral().guards().signupAddressWindow()),
            new Setting("dailydoco.referral.depth-by-tier", null, "1,2,3,7", List.of(1, 2, 3, 7), List.of(7, 7, 7, 7),
                    s -> s.referral().ledger().depthByTier()),
            new Setting("dailydoco.referral.hold-period", null, "P14D", Duration.ofDays(14), Duration.ofDays(30),
                    s -> s.referral().ledger().holdPeriod()),
            new Setting("dailydoco.referral.approve-every", null, "10m", "10m", "1h",
                    s -> s.referral().ledger().approveEvery()),
            new Setting("dailydoco.referral.payout-threshold-cents", null, "2500", 2500L, 5000L,
                    s -> s.referral().payouts().thresholdCents()),

            new Setting("dailydoco.leaderboard.refresh-every", null, "1m", "1m", "5m", s -> s.leaderboard().refreshEvery()),
            new Setting("dailydoco.leaderboard.size", null, "25", 25, 10, s -> s.leaderboard().size()),
            new Setting("dailydoco.leaderboard.tier-names", null, "One,Two", List.of("One", "Two"),
                    List.of("Bronze", "Silver", "Gold", "Platinum"), s -> s.leaderboard().tierNames()),
            new Setting("dailydoco.leaderboard.tier-scores", null, "0,5", List.of(0L, 5L), List.of(0L, 50L, 200L, 1000L),
                    s -> s.leaderboard().tierScores()),
            new Setting("dailydoco.leaderboard.points-per-paying-referral", "DAILYDOCO_LEADERBOARD_POINTS_PER_PAYING", "4",
                    4L, 10L, s -> s.leaderboard().pointsPerPayingReferral()),
            new Setting("dailydoco.leaderboard.points-per-sign-up", null, "2", 2L, 1L,
                    s -> s.leaderboard().pointsPerSignUp()),

            new Setting("dailydoco.sso.encryption-key", null, "sk", Optional.of("sk"), Optional.empty(),
                    s -> s.sso().encryptionKey()),
            new Setting("dailydoco.sso.allow-loopback", null, "true", true, false, s -> s.sso().allowLoopback()),
            new Setting("dailydoco.sso.fetch-timeout", null, "9s", Duration.ofSeconds(9), Duration.ofSeconds(5),
                    s -> s.sso().fetchTimeout()),
            new Setting("dailydoco.referral.address-retention", null, "P30D", Duration.ofDays(30), Duration.ofDays(90),
                    s -> s.referral().guards().addressRetention()),
            new Setting("dailydoco.referral.address-retention-every", null, "2h", "2h", "1h",
                    s -> s.referral().guards().addressRetentionEvery()),

            new Setting("dailydoco.privacy.export-expiry", null, "P2D", Duration.ofDays(2), Duration.ofDays(7),
                    s -> s.privacy().exportExpiry()),
            new Setting("dailydoco.privacy.export-max-size", null, "10M", 10L * 1024 * 1024, 64L * 1024 * 1024,
                    s -> s.privacy().exportMaxSize().asLongValue()),
            new Setting("dailydoco.privacy.export-job-every", null, "1m", "1m", "5s", s -> s.privacy().exportJobEvery()));

    @Test
    void withNothingSetEverySettingHasItsDefault() throws IOException {
        Settings settings = settings(Map.of(), Map.of());
        assertAll(SETTINGS.stream().map(setting -> () -> assertEquals(setting.byDefault(), setting.read().apply(settings),
                setting.property())));
    }

    @Test
    void theEnvironmentVariableDeploymentsUseReachesEachSetting() throws IOException {
        Map<String, String> environment = new HashMap<>();
        SETTINGS.forEach(setting -> environment.put(setting.variable(), setting.value()));
        Settings settings = settings(environment, Map.of());
        assertAll(SETTINGS.stream().map(setting -> () -> assertEquals(setting.expected(), setting.read().apply(settings),
                setting.property() + " from " + setting.variable())));
    }

    @Test
    void eachPropertyNameReachesItsSetting() throws IOException {
        Map<String, String> properties = new HashMap<>();
        SETTINGS.forEach(setting -> properties.put(setting.property(), setting.value()));
        Settings settings = settings(Map.of(), properties);
        assertAll(SETTINGS.stream().map(setting -> () -> assertEquals(setting.expected(), setting.read().apply(settings),
                setting.property())));
    }

    /** Production's view: application.properties under the prod profile, plus an environment and -D properties. */
    private static Settings settings(Map<String, String> environment, Map<String, String> systemProperties)
            throws IOException {
        SmallRyeConfig config = new SmallRyeConfigBuilder().addDefaultInterceptors().withProfile("prod")
                .withConverter(Duration.class, 200, new DurationConverter())
                .withConverter(io.quarkus.runtime.configuration.MemorySize.class, 200,
                        new io.quarkus.runtime.configuration.MemorySizeConverter())
                .withSources(new PropertiesConfigSource(
                        ConfigurationNamesTest.class.getClassLoader().getResource("application.properties"), 250))
                .withSources(new EnvConfigSource(environment, 300))
                .withSources(new PropertiesConfigSource(systemProperties, "system properties", 400))
                .withMapping(TenantConfig.class).withMapping(AccountConfig.class).withMapping(BillingConfig.class)
                .withMapping(ReferralConfig.class).withMapping(LeaderboardConfig.class).withMapping(SsoConfig.class)
                .withMapping(PrivacyConfig.class).withMapping(pro.dailydoco.billing.UsagePricesConfig.class)
                .withValidateUnknown(true).build();
        return new Settings(config.getConfigMapping(TenantConfig.class), config.getConfigMapping(AccountConfig.class),
                config.getConfigMapping(BillingConfig.class), config.getConfigMapping(ReferralConfig.class),
                config.getConfigMapping(LeaderboardConfig.class), config.getConfigMapping(SsoConfig.class),
                config.getConfigMapping(PrivacyConfig.class));
    }
}
