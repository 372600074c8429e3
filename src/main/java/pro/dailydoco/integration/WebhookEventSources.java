package pro.dailydoco.integration;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import pro.dailydoco.account.MemberChanged;
import pro.dailydoco.account.Role;
import pro.dailydoco.billing.events.InvoicePaid;
import pro.dailydoco.billing.events.Plan;
import pro.dailydoco.billing.events.SubscriptionChanged;
import pro.dailydoco.billing.events.SubscriptionStatus;
import pro.dailydoco.core.Money;
import pro.dailydoco.project.ProjectChanged;
import pro.dailydoco.referral.ledger.CommissionApproved;
import pro.dailydoco.referral.ledger.CommissionCreated;
import pro.dailydoco.referral.payout.PayoutPaid;

/**
 * The features' events, turned into webhook deliveries synchronously inside the transaction that fired them
 * ({@link WebhookOutbox}): the owning features know nothing of webhooks. Each body carries what the receiving
 * workspace (or, for referral events, the earner) may see, nothing of anyone else.
 */
@ApplicationScoped
class WebhookEventSources {

    private final WebhookOutbox outbox;
    private final Clock clock;

    WebhookEventSources(WebhookOutbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    void invoicePaid(@Observes InvoicePaid paid) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("invoice", paid.invoiceId());
        data.put("subscription", paid.subscriptionId());
        money(data, "amount_paid", paid.amountPaid());
        data.put("tax", paid.tax().minor());
        data.put("period_start", seconds(paid.periodStart()));
        data.put("period_end", seconds(paid.periodEnd()));
        outbox.workspaceEvent(paid.tenantId(), WebhookEventType.INVOICE_PAID, clock.instant(), data);
    }

    void subscriptionChanged(@Observes SubscriptionChanged changed) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("plan", code(changed.plan()));
        data.put("status", code(changed.status()));
        data.put("previous_plan", code(changed.previousPlan()));
        data.put("previous_status", code(changed.previousStatus()));
        outbox.workspaceEvent(changed.tenantId(), WebhookEventType.SUBSCRIPTION_UPDATED, changed.at(), data);
    }

    void projectChanged(@Observes ProjectChanged changed) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("project", changed.projectId().toString());
        data.put("name", changed.name());
        data.put("repository_url", changed.repositoryUrl());
        data.put("description", changed.description());
        WebhookEventType type = switch (changed.change()) {
            case CREATED -> WebhookEventType.PROJECT_CREATED;
            case UPDATED -> WebhookEventType.PROJECT_UPDATED;
            case DELETED -> WebhookEventType.PROJECT_DELETED;
        };
        outbox.workspaceEvent(changed.tenantId(), type, changed.at(), data);
    }

    /** Runs while the ledger acts as the earner: only their own endpoints are found and written to. */
    void commissionCreated(@Observes CommissionCreated created) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("commission", created.commissionId().toString());
        data.put("level", created.level());
        data.put("rate_basis_points", created.rateBasisPoints());
        money(data, "amount", created.amount());
        data.put("status", created.status().name().toLowerCase(Locale.ROOT));
        outbox.personalEvent(created.earnerUserId(), WebhookEventType.COMMISSION_CREATED, created.at(), data);
    }

    /** In the changed workspace's scope: its own endpoints only. The fields are the members API's. */
    void memberChanged(@Observes MemberChanged changed) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("member", changed.userId().toString());
        data.put("email", changed.email());
        data.put("display_name", changed.displayName());
        data.put("role", code(changed.role()));
        if (changed.change() == MemberChanged.Change.UPDATED) {
            data.put("previous_role", code(changed.previousRole()));
        }
        WebhookEventType type = switch (changed.change()) {
            case CREATED -> WebhookEventType.MEMBER_CREATED;
            case UPDATED -> WebhookEventType.MEMBER_UPDATED;
            case DELETED -> WebhookEventType.MEMBER_DELETED;
        };
        outbox.workspaceEvent(changed.tenantId(), type, changed.at(), data);
    }

    /** Runs while the approval acts as the earner: only their own endpoints, as for commission.created. */
    void commissionApproved(@Observes CommissionApproved approved) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("commission", approved.commissionId().toString());
        data.put("level", approved.level());
        money(data, "amount", approved.amount());
        data.put("status", "approved");
        outbox.personalEvent(approved.earnerUserId(), WebhookEventType.COMMISSION_APPROVED, approved.at(), data);
    }

    /** Runs while the payout acts as the earner: only their own endpoints. */
    void payoutPaid(@Observes PayoutPaid paid) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("payout", paid.payoutId());
        data.put("batch", paid.batchId());
        money(data, "amount", paid.amount());
        outbox.personalEvent(paid.userId(), WebhookEventType.PAYOUT_PAID, paid.at(), data);
    }

    private static void money(Map<String, Object> data, String field, Money money) {
        data.put(field, money.minor());
        data.put("currency", money.currency().toLowerCase(Locale.ROOT));
    }

    private static Long seconds(Instant instant) {
        return instant == null ? null : instant.getEpochSecond();
    }

    private static String code(Plan plan) {
        return plan == null ? null : plan.name().toLowerCase(Locale.ROOT);
    }

    private static String code(Role role) {
        return role == null ? null : role.name().toLowerCase(Locale.ROOT);
    }

    private static String code(SubscriptionStatus status) {
        return status == null ? null : status.name().toLowerCase(Locale.ROOT);
    }
}
