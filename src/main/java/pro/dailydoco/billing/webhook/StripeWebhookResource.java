package pro.dailydoco.billing.webhook;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import pro.dailydoco.account.web.Access;
import pro.dailydoco.core.DomainException;
import pro.dailydoco.core.web.ErrorResponses;

/** Stripe's webhook endpoint. Exempt from CSRF: the Stripe signature authenticates it. Errors are problem+json. */
@Path("/webhooks/stripe")
@Access.SignedBySender
public class StripeWebhookResource {

    private final StripeWebhooks webhooks;
    private final ErrorResponses errors;

    StripeWebhookResource(StripeWebhooks webhooks, ErrorResponses errors) {
        this.webhooks = webhooks;
        this.errors = errors;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response receive(byte[] body, @HeaderParam("Stripe-Signature") String signature) {
        try {
            webhooks.receive(body, signature);
            return Response.ok("{\"received\":true}", MediaType.APPLICATION_JSON).build();
        } catch (DomainException e) {
            return errors.render(e.status(), e.title(), e.detail(), null, ErrorResponses.PROBLEM_JSON).toResponse();
        }
    }
}
