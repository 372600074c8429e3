package pro.dailydoco.billing;

import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import pro.dailydoco.audit.AuditEvent;
import pro.dailydoco.audit.AuditLog;
import pro.dailydoco.billing.StripeObjects.SubscriptionItem;
import pro.dailydoco.billing.events.AddOn;
import pro.dailydoco.core.database.Row;

/**
 * What a workspace's subscriptions grant besides the plan, kept from Stripe's subscription events only — never from
 * the click that bought an add-on — so a failed payment or a removal in the Portal takes it away the same way
 * (docs/decisions/0204-add-ons-catalogue-and-entitlements.md). Rows are per subscription: an event replaces its
 * subscription's grants and touches no other.
 */
@ApplicationScoped
public class AddOnGrants {

    private final EntityManager entityManager;
    private final AddOnPrices prices;
    private final AuditLog auditLog;
    private final Clock clock;

    AddOnGrants(EntityManager entityManager, AddOnPrices prices, AuditLog auditLog, Clock clock) {
        this.entityManager = entityManager;
        this.prices = prices;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /**
     * Makes the subscription's grants what its items say: while it is live every add-on item grants its quantity
     * (quantities of one add-on on several items add up); once it is not live it grants nothing. Idempotent; each
     * change is audited.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void applySubscription(UUID tenantId, String subscriptionId, List<SubscriptionItem> items, boolean live) {
        Map<AddOn, Long> wanted = new EnumMap<>(AddOn.class);
        if (live) {
            for (SubscriptionItem item : items) {
                prices.addOnOf(item.priceId()).filter(a -> a.kind() == AddOn.Kind.RECURRING || a.perSeat())
                        .ifPresent(addOn -> wanted.merge(addOn, Math.max(1, item.quantity()), Long::sum));
            }
        }
        Map<AddOn, Long> held = heldBy(subscriptionId);
        for (Map.Entry<AddOn, Long> grant : held.entrySet()) {
            if (!wanted.containsKey(grant.getKey())) {
                entityManager.createNativeQuery(
                        "delete from billing_addon_grant where add_on = ?1 and stripe_subscription_id = ?2")
                        .setParameter(1, grant.getKey().name()).setParameter(2, subscriptionId).executeUpdate();
                audit(tenantId, subscriptionId, "billing.add-on.removed", grant.getKey(), 0);
            }
        }
        for (Map.Entry<AddOn, Long> grant : wanted.entrySet()) {
            if (grant.getValue().equals(held.get(grant.getKey()))) {
                continue;
            }
            entityManager.createNativeQuery("""
                    insert into billing_addon_grant (tenant_id, add_on, stripe_subscription_id, quantity, updated_at)
                    values (?1, ?2, ?3, ?4, ?5)
                    on conflict (tenant_id, add_on, stripe_subscription_id) do update
                    set quantity = excluded.quantity, updated_at = excluded.updated_at""")
                    .setParameter(1, tenantId).setParameter(2, grant.getKey().name()).setParameter(3, subscriptionId)
                    .setParameter(4, grant.getValue()).setParameter(5, clock.instant()).executeUpdate();
            audit(tenantId, subscriptionId, "billing.add-on.granted", grant.getKey(), grant.getValue());
        }
        if (held.containsKey(AddOn.WHITE_LABEL) != wanted.containsKey(AddOn.WHITE_LABEL)) {
            // Any subscription of the tenant may hold it; the flag says whether one still does.
            entityManager.createNativeQuery("""
                    delete from billing_white_label where subject_tenant_id = ?1 and not exists
                        (select 1 from billing_addon_grant where tenant_id = ?1 and add_on = 'WHITE_LABEL')""")
                    .setParameter(1, tenantId).executeUpdate();
            entityManager.createNativeQuery("""
                    insert into billing_white_label (subject_tenant_id) select ?1 where exists
                        (select 1 from billing_addon_grant where tenant_id = ?1 and add_on = 'WHITE_LABEL')
                    on conflict do nothing""")
                    .setParameter(1, tenantId).executeUpdate();
        }
    }

    /** The add-ons the tenant in scope holds now, with their quantities (1 for a flag such as white-label). */
    @Transactional
    public Map<AddOn, Long> held() {
        Map<AddOn, Long> held = new EnumMap<>(AddOn.class);
        for (Row row : Row.list(entityManager.createNativeQuery(
                "select add_on as add_on, sum(quantity) as quantity from billing_addon_grant group by add_on",
                Tuple.class))) {
            AddOn.byName(row.string("add_on")).ifPresent(a -> held.put(a, row.longValue("quantity")));
        }
        return held;
    }

    /** How many of {@code addOn} the tenant in scope holds (0 when none). */
    @Transactional
    public long quantity(AddOn addOn) {
        return held().getOrDefault(addOn, 0L);
    }

    private Map<AddOn, Long> heldBy(String subscriptionId) {
        Map<AddOn, Long> held = new EnumMap<>(AddOn.class);
        for (Row row : Row.list(entityManager.createNativeQuery("""
                select add_on as add_on, quantity as quantity from billing_addon_grant
                where stripe_subscription_id = ?1 for update""", Tuple.class).setParameter(1, subscriptionId))) {
            AddOn.byName(row.string("add_on")).ifPresent(a -> held.put(a, row.longValue("quantity")));
        }
        return held;
    }

    private void audit(UUID tenantId, String subscriptionId, String action, AddOn addOn, long quantity) {
        auditLog.record(tenantId, AuditEvent.system(action).subjectTenant(tenantId)
                .target("stripe_subscription", subscriptionId).detail("add_on", addOn.key())
                .detail("quantity", String.valueOf(quantity)).build());
    }
}
