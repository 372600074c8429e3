package pro.dailydoco.integration;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code dailydoco.webhooks.*}: outgoing webhooks; see the README's configuration table. */
@ConfigMapping(prefix = "dailydoco.webhooks")
public interface WebhookConfig {

    /** Key that seals endpoint signing secrets at rest (AES-256-GCM); without it no endpoint can be created. */
    Optional<String> encryptionKey();

    /**
     * Lets endpoints on loopback addresses over plain http through: the test profile only, for its local receiver.
     * Never on by default; private, link-local and other internal addresses stay refused even then.
     */
    @WithDefault("false")
    boolean allowLoopback();

    /** How often the sender job looks for due deliveries ({@code off} in tests, which call it). */
    @WithDefault("5s")
    String sendEvery();

    /** Deadline of one delivery: connecting, sending and reading the answer. */
    @WithDefault("10s")
    Duration timeout();

    /** Wait before the first retry; each further retry waits twice as long (with jitter), up to {@link #maxRetryWait()}. */
    @WithDefault("1m")
    Duration firstRetryWait();

    @WithDefault("6h")
    Duration maxRetryWait();

    /** A delivery is retried this long after its event; an endpoint failing without a success this long is disabled. */
    @WithDefault("3d")
    Duration giveUpAfter();

    /** How long the previous secret still signs after a rotation (two v1 signatures meanwhile). */
    @WithDefault("24h")
    Duration rotationGrace();
}
