package pro.dailydoco.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;
import pro.dailydoco.support.TestClock;

/**
 * Sign-in throttling draws from Bucket4j buckets in PostgreSQL, the mechanism of the API's rate limits: a second
 * instance built beside the application's, on the same database, sees and adds to the same failures, so two instances
 * never allow twice the attempts; the back-off and its message stay what they were.
 */
@QuarkusTest
class ThrottlingOnTwoInstancesTest {

    @Inject
    DataSource dataSource;

    @Inject
    AccountConfig config;

    @Inject
    TestClock clock;

    @Inject
    EntityManager entityManager;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private long rows(String table, String key) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("select count(*) from " + table + " where " + (table.equals("rate_limit") ? "key = ?1" : "id = ?1 and state is not null"))
                .setParameter(1, key).getSingleResult()).longValue());
    }

    @Test
    void twoInstancesShareTheSignInLimitThroughTheSameBucketsAsTheApi() {
        String email = Accounts.uniqueEmail("two-throttle");
        Accounts.signUp(new Browser(), email, "Two Throttle Co");
        String key = "login:email:" + Tokens.sha256(User.normaliseEmail(email));
        RateLimiter second = new RateLimiter(dataSource, config, (Clock) clock);

        // Three failures on this instance (through the sign-in form), one on the second: four of the five allowed.
        for (int i = 0; i < 3; i++) {
            assertEquals(401, Accounts.signIn(new Browser(), email, "guess " + i).statusCode());
        }
        assertEquals(Optional.empty(), second.blockedFor(key), "four failures in: not blocked yet");
        assertEquals(Optional.empty(), second.recordFailure(key));
        assertEquals(1, rows("throttle_bucket", key), "one Bucket4j bucket per key, in PostgreSQL");
        assertEquals(0, rows("rate_limit", key), "the old counters are no longer written");

        // The fifth failure, on this instance, blocks on both.
        Response fifth = Accounts.signIn(new Browser(), email, "guess 5");
        assertEquals(429, fifth.statusCode());
        assertTrue(fifth.asString().contains("Try again in 1 minute"), fifth.asString());
        Duration left = second.blockedFor(key).orElseThrow();
        assertTrue(left.compareTo(Duration.ofSeconds(50)) > 0 && left.compareTo(Duration.ofMinutes(1)) <= 0, left.toString());
        assertEquals(429, Accounts.signIn(new Browser(), email, Accounts.PASSWORD).statusCode(), "even the right password");

        // Once the back-off lapsed, the next failure (on the second instance) doubles it for both.
        clock.advance(Duration.ofSeconds(61));
        assertEquals(Optional.empty(), second.blockedFor(key));
        assertEquals(Duration.ofMinutes(2), second.recordFailure(key).orElseThrow());
        Response again = Accounts.signIn(new Browser(), email, Accounts.PASSWORD);
        assertEquals(429, again.statusCode());
        assertTrue(again.asString().contains("Try again in 2 minutes"), again.asString());

        // After it, the right password signs in and resets the key for both instances.
        clock.advance(Duration.ofSeconds(121));
        assertEquals(303, Accounts.signIn(new Browser(), email, Accounts.PASSWORD).statusCode());
        assertEquals(Optional.empty(), second.blockedFor(key));
        assertEquals(0, rows("throttle_bucket", key), "the key's bucket is gone");
        assertEquals(Optional.empty(), second.recordFailure(key), "counting starts again from none");
    }

    @Test
    void cappedUsesComeBackAtTheEndOfTheWindowOnEveryInstance() {
        String key = "test-cap:" + java.util.UUID.randomUUID();
        RateLimiter second = new RateLimiter(dataSource, config, (Clock) clock);
        RateLimiter first = io.quarkus.arc.Arc.container().instance(RateLimiter.class).get();
        assertEquals(Optional.empty(), first.recordUse(key, 3, Duration.ofMinutes(10)));
        assertEquals(Optional.empty(), second.recordUse(key, 3, Duration.ofMinutes(10)));
        Duration wait = first.recordUse(key, 3, Duration.ofMinutes(10)).orElseThrow();
        assertTrue(wait.compareTo(Duration.ofMinutes(10)) <= 0 && wait.compareTo(Duration.ofMinutes(9)) > 0, wait.toString());
        assertTrue(second.recordUse(key, 3, Duration.ofMinutes(10)).isPresent(), "past the cap on the other instance too");
        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        assertEquals(Optional.empty(), second.recordUse(key, 3, Duration.ofMinutes(10)), "a new window");
    }
}
