package pro.dailydoco.api;

import java.security.MessageDigest;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import pro.dailydoco.billing.Entitlements;
import pro.dailydoco.billing.events.Plan;
import pro.dailydoco.tenant.Tenant;
import pro.dailydoco.tenant.TenantStatus;

/**
 * Reads an API request's caller in one statement, the {@code api_caller} function (V81): the key by its prefix, its
 * workspace, and what the plan in force depends on; the statement also records the key's last use (at most once a
 * minute, or when the address changes). The stored hash is compared here again in constant time
 * (docs/decisions/0184-api-requests-scoped-by-their-key.md). Plain JDBC, as for who-is-asking: the look-up must run
 * before Hibernate's session takes its tenant from what it finds.
 */
@ApplicationScoped
class ApiCallers {

    static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private final DataSource dataSource;
    private final Entitlements entitlements;
    private final Clock clock;

    ApiCallers(DataSource dataSource, Entitlements entitlements, Clock clock) {
        this.dataSource = dataSource;
        this.entitlements = entitlements;
        this.clock = clock;
    }

    /** The caller a bearer key stands for, or empty for a key that is malformed, unknown, revoked or expired. */
    Optional<ApiCaller.Identity> identify(String bearer, String address) {
        ApiKeys.Presented presented = ApiKeys.parse(bearer);
        if (presented == null) {
            return Optional.empty();
        }
        return QuarkusTransaction.requiringNew().call(() -> lookUp(presented, address));
    }

    private Optional<ApiCaller.Identity> lookUp(ApiKeys.Presented presented, String address) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "select * from api_caller(?, ?, ?, ?, ?::interval)")) {
            statement.setString(1, presented.prefix());
            statement.setString(2, presented.secretHash());
            statement.setObject(3, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
            statement.setString(4, address);
            statement.setString(5, TOUCH_EVERY.toMillis() + " milliseconds");
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                // The database matched the hash already; this comparison takes the same time wherever they differ.
                if (!MessageDigest.isEqual(row.getString("key_secret_hash").getBytes(StandardCharsets.US_ASCII),
                        presented.secretHash().getBytes(StandardCharsets.US_ASCII))) {
                    return Optional.empty();
                }
                return Optional.of(identity(presented.prefix(), row));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the API caller", e);
        }
    }

    private ApiCaller.Identity identity(String prefix, ResultSet row) throws SQLException {
        Tenant tenant = new Tenant();
        tenant.id = row.getObject("tenant_id", UUID.class);
        tenant.slug = row.getString("tenant_slug");
        tenant.displayName = row.getString("tenant_display_name");
        tenant.status = TenantStatus.valueOf(row.getString("tenant_status"));
        tenant.planOverride = row.getString("tenant_plan_override");
        OffsetDateTime pastDueSince = row.getObject("subscription_past_due_since", OffsetDateTime.class);
        Plan plan = entitlements.planInForce(tenant.planOverride, row.getString("subscription_plan"),
                row.getString("subscription_status"), pastDueSince == null ? null : pastDueSince.toInstant());
        return new ApiCaller.Identity(row.getObject("key_id", UUID.class), prefix, scopes(row.getArray("key_scopes")),
                row.getObject("key_created_by_user_id", UUID.class), tenant, plan);
    }

    private static Set<ApiScope> scopes(Array array) throws SQLException {
        Set<ApiScope> scopes = EnumSet.noneOf(ApiScope.class);
        for (String scope : (String[]) array.getArray()) {
            ApiScope.parse(scope).ifPresent(scopes::add);
        }
        return scopes;
    }
}
