package pro.dailydoco.billing.metering;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import io.quarkus.arc.Arc;
import pro.dailydoco.billing.StripeFixtures;
import pro.dailydoco.billing.StripeWebhookSender;
import pro.dailydoco.billing.TestCustomers;
import pro.dailydoco.billing.events.Plan;
import pro.dailydoco.tenant.Tenant;

/**
 * Workspaces that pay for a plan as in production: Checkout creates the Stripe customer (WireMock plays Stripe), then
 * Stripe's signed {@code customer.subscription.created} event makes the subscription active; and the outbox rows
 * overage left behind, read for assertions.
 */
public final class PaidWorkspaces {

    /** The price ids of the test profile (application.properties). */
    public static final String PRO_PRICE = "price_pro_monthly";

    private PaidWorkspaces() {
    }

    /** Subscribes {@code tenant} to Pro; returns its Stripe customer id. */
    public static String subscribeToPro(Tenant tenant) {
        String customer = TestCustomers.customerFor(tenant, Plan.PRO);
        String subscription = StripeFixtures.unique("sub");
        String object = StripeFixtures.subscription(subscription, customer, "active", PRO_PRICE,
                Instant.now().plus(30, ChronoUnit.DAYS), tenant.id);
        int status = StripeWebhookSender.post(StripeFixtures.event(StripeFixtures.unique("evt"),
                "customer.subscription.created", Instant.now(), object)).statusCode();
        if (status != 200) {
            throw new IllegalStateException("the subscription event was refused: " + status);
        }
        return customer;
    }

    /** One outbox batch as the sender left it. */
    public record Batch(String meter, long units, String identifier, int attempts, Instant sentAt, String lastError,
            Instant nextAttemptAt, Instant gaveUpAt) {
    }

    /** The workspace's batches, oldest first. */
    public static List<Batch> batches(UUID tenantId) {
        DataSource dataSource = Arc.container().instance(DataSource.class).get();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                select meter, units, identifier, attempts, sent_at, last_error, next_attempt_at, gave_up_at
                from usage_meter_batch where subject_tenant_id = ? order by opened_at, sequence""")) {
            s.setObject(1, tenantId);
            List<Batch> batches = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    batches.add(new Batch(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getInt(4),
                            instant(rs, 5), rs.getString(6), instant(rs, 7), instant(rs, 8)));
                }
            }
            return batches;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static long units(UUID tenantId, String meter) {
        return batches(tenantId).stream().filter(b -> b.meter().equals(meter)).mapToLong(Batch::units).sum();
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        java.sql.Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }
}
