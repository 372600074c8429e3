package pro.dailydoco.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import javax.sql.DataSource;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import pro.dailydoco.core.ScopeOfWork;

/**
 * Records who did what, in which tenant, as an append-only hash chain: one chain per tenant plus one platform
 * chain. An append locks the chain's head row, so two writers never fork a chain.
 * <p>
 * {@link #record} joins the caller's transaction (the entry exists exactly when the change does);
 * {@link #recordSecurityEvent} commits on its own, so a failed login or a denied access is kept even though the
 * action itself is rolled back.
 */
@ApplicationScoped
public class AuditLog {

    private final DataSource dataSource;
    private final ScopeOfWork scope;

    AuditLog(DataSource dataSource, ScopeOfWork scope) {
        this.dataSource = dataSource;
        this.scope = scope;
    }

    /** Appends to the current tenant's chain; the event's subject tenant must be the tenant in context. */
    @Transactional(Transactional.TxType.REQUIRED)
    public void record(UUID tenantId, AuditEvent event) {
        UUID contextTenant = scope.tenantId().orElse(null);
        if (!tenantId.equals(contextTenant)) {
            throw new IllegalStateException("Audit entries for a tenant are written in that tenant's context");
        }
        appendTenant(tenantId, event);
    }

    /** Appends to the platform chain (operator actions, sign-ups, events with no tenant yet). */
    @Transactional(Transactional.TxType.REQUIRED)
    public void recordPlatform(AuditEvent event) {
        appendPlatform(event);
    }

    /**
     * Records a security event in its own transaction, in the tenant's chain when a tenant is in context and in the
     * platform chain otherwise.
     */
    public void recordSecurityEvent(AuditEvent event) {
        UUID contextTenant = scope.tenantId().orElse(null);
        QuarkusTransaction.requiringNew().run(() -> {
            if (contextTenant != null) {
                appendTenant(contextTenant, event);
            } else {
                appendPlatform(event);
            }
        });
    }

    private void appendTenant(UUID tenantId, AuditEvent event) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement head = c.prepareStatement(
                    "insert into audit_chain_head (tenant_id, seq, hash) values (?, 0, ?) on conflict (tenant_id) do nothing")) {
                head.setObject(1, tenantId);
                head.setString(2, AuditChain.GENESIS);
                head.executeUpdate();
            }
            long seq;
            String prevHash;
            try (PreparedStatement lock = c.prepareStatement(
                    "select seq, hash from audit_chain_head where tenant_id = ? for update")) {
                lock.setObject(1, tenantId);
                try (ResultSet rs = lock.executeQuery()) {
                    rs.next();
                    seq = rs.getLong("seq") + 1;
                    prevHash = rs.getString("hash");
                }
            }
            Instant at = now();
            String details = AuditChain.canonicalDetails(event.details());
            String hash = AuditChain.hash(prevHash, "tenant:" + tenantId, seq, at, event.actorKind().name(),
                    event.actorUserId(), event.action(), tenantId, event.targetType(), event.targetId(),
                    event.outcome().name(), details);
            try (PreparedStatement insert = c.prepareStatement("""
                    insert into audit_entry (tenant_id, seq, occurred_at, actor_kind, actor_user_id, action, target_type,
                        target_id, outcome, details, prev_hash, hash)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                insert.setObject(1, tenantId);
                insert.setLong(2, seq);
                insert.setObject(3, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
                insert.setString(4, event.actorKind().name());
                setUuid(insert, 5, event.actorUserId());
                insert.setString(6, event.action());
                insert.setString(7, event.targetType());
                insert.setString(8, event.targetId());
                insert.setString(9, event.outcome().name());
                insert.setString(10, details);
                insert.setString(11, prevHash);
                insert.setString(12, hash);
                insert.executeUpdate();
            }
            try (PreparedStatement update = c.prepareStatement(
                    "update audit_chain_head set seq = ?, hash = ? where tenant_id = ?")) {
                update.setLong(1, seq);
                update.setString(2, hash);
                update.setObject(3, tenantId);
                update.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not append to the audit trail", e);
        }
    }

    private void appendPlatform(AuditEvent event) {
        try (Connection c = dataSource.getConnection()) {
            long seq;
            String prevHash;
            try (PreparedStatement lock = c.prepareStatement("select seq, hash from platform_audit_head where id = 1 for update");
                    ResultSet rs = lock.executeQuery()) {
                rs.next();
                seq = rs.getLong("seq") + 1;
                prevHash = rs.getString("hash");
            }
            Instant at = now();
            String details = AuditChain.canonicalDetails(event.details());
            String hash = AuditChain.hash(prevHash, "platform", seq, at, event.actorKind().name(), event.actorUserId(),
                    event.action(), event.subjectTenantId(), event.targetType(), event.targetId(),
                    event.outcome().name(), details);
            try (PreparedStatement insert = c.prepareStatement("""
                    insert into platform_audit_entry (seq, occurred_at, actor_kind, actor_user_id, subject_tenant_id,
                        action, target_type, target_id, outcome, details, prev_hash, hash)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                insert.setLong(1, seq);
                insert.setObject(2, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
                insert.setString(3, event.actorKind().name());
                setUuid(insert, 4, event.actorUserId());
                setUuid(insert, 5, event.subjectTenantId());
                insert.setString(6, event.action());
                insert.setString(7, event.targetType());
                insert.setString(8, event.targetId());
                insert.setString(9, event.outcome().name());
                insert.setString(10, details);
                insert.setString(11, prevHash);
                insert.setString(12, hash);
                insert.executeUpdate();
            }
            try (PreparedStatement update = c.prepareStatement("update platform_audit_head set seq = ?, hash = ? where id = 1")) {
                update.setLong(1, seq);
                update.setString(2, hash);
                update.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not append to the audit trail", e);
        }
    }

    private static void setUuid(PreparedStatement statement, int index, UUID value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.OTHER);
        } else {
            statement.setObject(index, value);
        }
    }

    /** PostgreSQL keeps microseconds; the hash must be computed over what will be read back. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
