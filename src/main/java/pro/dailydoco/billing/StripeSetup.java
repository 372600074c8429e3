package pro.dailydoco.billing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

/**
 * Whether Stripe is set up on this server, for the operator's pages: the technical hint (which environment variable
 * to set) is for the operator; customers see only that online payment isn't available yet.
 */
@Named("stripeSetup")
@ApplicationScoped
public class StripeSetup {

    private final StripeGateway gateway;

    StripeSetup(StripeGateway gateway) {
        this.gateway = gateway;
    }

    public boolean isMissing() {
        return !gateway.isConfigured();
    }
}
