package pro.dailydoco.account;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;
import pro.dailydoco.tenant.Tenant;
import pro.dailydoco.tenant.TenantResolution;
import pro.dailydoco.tenant.TenantStatus;

/**
 * Reads who is asking in one statement: the workspace the request names, the live session of its cookie, the
 * person, their membership there and their workspaces for the switcher, through the {@code who_is_asking} function
 * (V66). The statement also writes the row-level security settings for the rest of the transaction and, at most once
 * a minute, the session's last-seen time (docs/decisions/0150-who-is-asking-in-one-statement.md). Nothing is kept
 * across requests: a revoked session, a changed role or a suspended workspace shows on the very next one.
 *
 * <p>
 * Plain JDBC rather than the entity manager: the statement must run before Hibernate's session opens, since the
 * session takes its tenant discriminator from what this look-up finds. In a page's transaction Agroal hands Hibernate
 * the same connection afterwards. Columns are read by name.
 */
@ApplicationScoped
public class WhoIsAsking {

    /** Idle-timeout bookkeeping: {@code last_seen_at} is written at most this often per session. */
    static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    /**
     * What the look-up found; the entities are detached copies, as a finished transaction would leave them, the user
     * without its password hash ({@code hasPassword} says whether there is one).
     */
    public record Answer(TenantResolution.Target target, UUID pathTenantId, UUID hostTenantId,
            Tenant tenant, WebSession session, User user, boolean hasPassword, Membership membership,
            List<CurrentUser.Workspace> workspaces, boolean touched) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource dataSource;
    private final AccountConfig config;
    private final Clock clock;

    WhoIsAsking(DataSource dataSource, AccountConfig config, Clock clock) {
        this.dataSource = dataSource;
        this.config = config;
        this.clock = clock;
    }

    public Answer lookUp(String sessionToken, TenantResolution.Target target, boolean readOnly) {
        String hash = sessionToken == null || sessionToken.isBlank() ? null : Tokens.sha256(sessionToken);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "select * from who_is_asking(?, ?, ?, ?, ?, ?::interval, ?::interval, ?)")) {
            statement.setString(1, hash);
            statement.setString(2, target.pathSlug());
            statement.setString(3, target.hostSlug());
            statement.setString(4, target.hostname());
            statement.setObject(5, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
            statement.setString(6, config.sessionIdleTimeout().toMillis() + " milliseconds");
            statement.setString(7, TOUCH_EVERY.toMillis() + " milliseconds");
            statement.setBoolean(8, readOnly);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return answer(target, row);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read who is asking", e);
        }
    }

    private static Answer answer(TenantResolution.Target target, ResultSet row) throws SQLException {
        Tenant tenant = tenant(row);
        User user = user(row);
        WebSession session = user == null ? null : session(row, user.id);
        Membership membership = null;
        if (user != null && tenant != null && row.getObject("member_id") != null) {
            membership = new Membership();
            membership.id = row.getObject("member_id", UUID.class);
            membership.tenantId = tenant.id;
            membership.userId = user.id;
            membership.role = Role.valueOf(row.getString("member_role"));
            membership.createdAt = instant(row, "member_created_at");
        }
        return new Answer(target, row.getObject("path_tenant_id", UUID.class), row.getObject("host_tenant_id", UUID.class),
                tenant, session, user, user != null && row.getBoolean("user_has_password"), membership, user == null ? List.of() : workspaces(row.getString("workspaces")),
                row.getBoolean("session_touched"));
    }

    private static Tenant tenant(ResultSet row) throws SQLException {
        UUID id = row.getObject("tenant_id", UUID.class);
        if (id == null) {
            return null;
        }
        Tenant tenant = new Tenant();
        tenant.id = id;
        tenant.slug = row.getString("tenant_slug");
        tenant.displayName = row.getString("tenant_display_name");
        tenant.status = TenantStatus.valueOf(row.getString("tenant_status"));
        tenant.primaryColor = row.getString("tenant_primary_color");
        tenant.accentColor = row.getString("tenant_accent_color");
        tenant.logoUrl = row.getString("tenant_logo_url");
        tenant.hostnames = strings(row.getArray("tenant_hostnames"));
        tenant.declaredOwners = strings(row.getArray("tenant_declared_owners"));
        tenant.planOverride = row.getString("tenant_plan_override");
        tenant.sso = row.getString("tenant_sso");
        String source = row.getString("tenant_source");
        tenant.source = source == null ? null : Tenant.Source.valueOf(source);
        tenant.referralProgramDisabled = row.getBoolean("tenant_referral_disabled");
        tenant.createdByUserId = row.getObject("tenant_created_by_user_id", UUID.class);
        tenant.createdAt = instant(row, "tenant_created_at");
        tenant.updatedAt = instant(row, "tenant_updated_at");
        return tenant;
    }

    private static User user(ResultSet row) throws SQLException {
        UUID id = row.getObject("user_id", UUID.class);
        if (id == null) {
            return null;
        }
        User user = new User();
        user.id = id;
        user.email = row.getString("user_email");
        user.emailVerifiedAt = instant(row, "user_email_verified_at");
        user.displayName = row.getString("user_display_name");
        user.status = User.Status.valueOf(row.getString("user_status"));
        user.signupReferralCode = row.getString("user_signup_referral_code");
        user.homeTenantId = row.getObject("user_home_tenant_id", UUID.class);
        user.createdAt = instant(row, "user_created_at");
        user.updatedAt = instant(row, "user_updated_at");
        user.secondFactorRequiredSince = instant(row, "user_second_factor_required_since");
        // The password hash stays in the database: nothing on a request reads it from here (see Answer.hasPassword).
        return user;
    }

    private static WebSession session(ResultSet row, UUID userId) throws SQLException {
        WebSession session = new WebSession();
        session.idHash = row.getString("session_id_hash");
        session.ownerUserId = userId;
        session.createdAt = instant(row, "session_created_at");
        session.lastSeenAt = instant(row, "session_last_seen_at");
        session.expiresAt = instant(row, "session_expires_at");
        session.userAgent = row.getString("session_user_agent");
        session.ipAddress = row.getString("session_ip_address");
        session.ssoTenantId = row.getObject("session_sso_tenant_id", UUID.class);
        session.idpLogoutHint = row.getString("session_idp_logout_hint");
        return session;
    }

    private static List<CurrentUser.Workspace> workspaces(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            List<CurrentUser.Workspace> workspaces = new ArrayList<>();
            for (JsonNode w : JSON.readTree(json)) {
                workspaces.add(new CurrentUser.Workspace(w.get("slug").asText(), w.get("name").asText(),
                        Role.valueOf(w.get("role").asText())));
            }
            return List.copyOf(workspaces);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The workspace switcher's list is not JSON", e);
        }
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? new ArrayList<>() : new ArrayList<>(Arrays.asList((String[]) array.getArray()));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
