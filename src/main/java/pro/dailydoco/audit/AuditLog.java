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
        append(Chain.tenant(tenantId), event);
    }

    private void appendPlatform(AuditEvent event) {
        append(Chain.platform(event.subjectTenantId()), event);
    }

    /**
     * What tells the two kinds of chain apart: their tables, how their head row is found, the chain's name in the
     * hash and the tenant an entry is about. A tenant's head row is created on its first entry; the platform's
     * exists from the start.
     */
    private record Chain(String name, UUID tenantId, UUID headKey, String createHead, String lockHead, String insertEntry,
            String updateHead) {

        static Chain tenant(UUID tenantId) {
            return new Chain("tenant:" + tenantId, tenantId, tenantId,
                    "insert into audit_chain_head (tenant_id, seq, hash) values (?, 0, ?) on conflict (tenant_id) do nothing",
                    "select seq, hash from audit_chain_head where tenant_id = ? for update",
                    """
                    insert into audit_entry (tenant_id, seq, occurred_at, actor_kind, actor_user_id, action, target_type,
                        target_id, outcome, details, prev_hash, hash)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    "update audit_chain_head set seq = ?, hash = ? where tenant_id = ?");
        }

        static Chain platform(UUID subjectTenantId) {
            return new Chain("platform", subjectTenantId, null, null,
                    "select seq, hash from platform_audit_head where id = 1 for update",
                    """
                    insert into platform_audit_entry (subject_tenant_id, seq, occurred_at, actor_kind, actor_user_id,
                        action, target_type, target_id, outcome, details, prev_hash, hash)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    "update platform_audit_head set seq = ?, hash = ? where id = 1");
        }
    }

    private void append(Chain chain, AuditEvent event) {
        try (Connection c = dataSource.getConnection()) {
            if (chain.createHead() != null) {
                try (PreparedStatement head = c.prepareStatement(chain.createHead())) {
                    head.setObject(1, chain.headKey());
                    head.setString(2, AuditChain.GENESIS);
                    head.executeUpdate();
                }
            }
            long seq;
            String prevHash;
            try (PreparedStatement lock = c.prepareStatement(chain.lockHead())) {
                if (chain.headKey() != null) {
                    lock.setObject(1, chain.headKey());
                }
                try (ResultSet rs = lock.executeQuery()) {
                    rs.next();
                    seq = rs.getLong("seq") + 1;
                    prevHash = rs.getString("hash");
                }
            }
            Instant at = now();
            String details = AuditChain.canonicalDetails(event.details());
            String hash = AuditChain.hash(prevHash, chain.name(), seq, at, event.actorKind().name(),
                    event.actorUserId(), event.action(), chain.tenantId(), event.targetType(), event.targetId(),
                    event.outcome().name(), details);
            try (PreparedStatement insert = c.prepareStatement(chain.insertEntry())) {
                setUuid(insert, 1, chain.tenantId());
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
            try (PreparedStatement update = c.prepareStatement(chain.updateHead())) {
                update.setLong(1, seq);
                update.setString(2, hash);
                if (chain.headKey() != null) {
                    update.setObject(3, chain.headKey());
                }
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
