package pro.dailydoco.integration;

import java.util.Arrays;
import java.util.Optional;

import pro.dailydoco.core.Labelled;

/**
 * The events a workspace may subscribe an endpoint to. Referral events are a person's own commissions and payouts:
 * they reach only endpoints their earner registered (docs/decisions/0191-referral-events-reach-the-earners-own-endpoints.md).
 */
public enum WebhookEventType implements Labelled {
    PROJECT_CREATED("project.created", "A project was created", false),
    PROJECT_UPDATED("project.updated", "A project was changed", false),
    PROJECT_DELETED("project.deleted", "A project was deleted", false),
    MEMBER_CREATED("member.created", "Someone joined the workspace", false),
    MEMBER_UPDATED("member.updated", "A member's role changed", false),
    MEMBER_DELETED("member.deleted", "Someone left or was removed from the workspace", false),
    SUBSCRIPTION_UPDATED("subscription.updated", "The subscription changed plan or status", false),
    INVOICE_PAID("invoice.paid", "An invoice was paid", false),
    COMMISSION_CREATED("commission.created", "You earned a commission (your own referrals)", true),
    COMMISSION_APPROVED("commission.approved", "A commission of yours was approved for payout", true),
    PAYOUT_PAID("payout.paid", "You were paid your approved commissions", true),
    /** Sent to a new endpoint on request, whatever it subscribed to. */
    TEST("webhook.test", "Test event", false);

    private final String code;
    private final String label;
    private final boolean referral;

    WebhookEventType(String code, String label, boolean referral) {
        this.code = code;
        this.label = label;
        this.referral = referral;
    }

    /** The type as it appears in the body and the subscription list ({@code invoice.paid}). */
    public String code() {
        return code;
    }

    @Override
    public String label() {
        return label;
    }

    public boolean referral() {
        return referral;
    }

    /** The types an endpoint can choose on the page (the test event is not subscribed to). */
    public static WebhookEventType[] subscribable() {
        return Arrays.stream(values()).filter(t -> t != TEST).toArray(WebhookEventType[]::new);
    }

    public static Optional<WebhookEventType> ofCode(String code) {
        return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst();
    }
}
