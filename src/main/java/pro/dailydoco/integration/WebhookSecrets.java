package pro.dailydoco.integration;

import java.security.GeneralSecurityException;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import pro.dailydoco.account.Tokens;
import pro.dailydoco.core.DomainException;
import pro.dailydoco.core.SealedText;

/**
 * Makes, seals and opens endpoint signing secrets. We sign with them, so they are sealed (AES-256-GCM under
 * {@code DAILYDOCO_WEBHOOK_ENCRYPTION_KEY}) rather than hashed; the workspace and endpoint ids are bound as associated
 * data, so a sealed secret copied to another row does not open.
 */
@ApplicationScoped
public class WebhookSecrets {

    /** Marks the secret as ours (as Stripe's {@code whsec_}), so secret scanners and people can tell what it is. */
    static final String SECRET_START = "ddwhsec_";

    private final WebhookConfig config;

    WebhookSecrets(WebhookConfig config) {
        this.config = config;
    }

    String newSecret() {
        return SECRET_START + Tokens.newToken();
    }

    String seal(String secret, String tenantId, UUID endpointId) {
        try {
            return SealedText.seal(key(), secret, tenantId + "/" + endpointId);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not seal the webhook secret", e);
        }
    }

    String open(String sealed, String tenantId, UUID endpointId) {
        try {
            return SealedText.open(key(), sealed, tenantId + "/" + endpointId);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("A webhook secret does not open with the configured key", e);
        }
    }

    private String key() {
        return config.encryptionKey().filter(k -> !k.isBlank()).orElseThrow(() -> new DomainException(503,
                "Webhooks can't be set up", "The server has no DAILYDOCO_WEBHOOK_ENCRYPTION_KEY; ask the operator to set it."));
    }
}
