package pro.dailydoco.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Recomputes a chain from its stored rows and reports the first entry that does not match. */
@ApplicationScoped
public class AuditVerifier {

    /** {@code brokenAtSeq} is null when every entry's hash and link match. */
    public record Verification(long entries, Long brokenAtSeq) {
        public boolean intact() {
            return brokenAtSeq == null;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final DataSource dataSource;

    AuditVerifier(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Verifies the chain of the tenant in context (row-level security shows no other). */
    @Transactional
    public Verification verifyTenant(UUID tenantId) {
        return verify("select * from audit_entry where tenant_id = ? order by seq", tenantId, "tenant:" + tenantId, true);
    }

    @Transactional
    public Verification verifyPlatform() {
        return verify("select * from platform_audit_entry order by seq", null, "platform", false);
    }

    private Verification verify(String sql, UUID tenantId, String chain, boolean tenantChain) {
        try (Connection c = dataSource.getConnection(); PreparedStatement statement = c.prepareStatement(sql)) {
            if (tenantId != null) {
                statement.setObject(1, tenantId);
            }
            String expectedPrev = AuditChain.GENESIS;
            long expectedSeq = 1;
            long count = 0;
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    count++;
                    long seq = rs.getLong("seq");
                    String details = rs.getString("details");
                    String canonical = AuditChain.canonicalDetails(
                            JSON.readValue(details, new TypeReference<Map<String, String>>() {
                            }));
                    UUID subject = tenantChain ? rs.getObject("tenant_id", UUID.class)
                            : rs.getObject("subject_tenant_id", UUID.class);
                    String recomputed = AuditChain.hash(rs.getString("prev_hash"), chain, seq,
                            rs.getObject("occurred_at", OffsetDateTime.class).toInstant(), rs.getString("actor_kind"),
                            rs.getObject("actor_user_id", UUID.class), rs.getString("action"), subject,
                            rs.getString("target_type"), rs.getString("target_id"), rs.getString("outcome"), canonical);
                    if (seq != expectedSeq || !expectedPrev.equals(rs.getString("prev_hash"))
                            || !canonical.equals(details) || !recomputed.equals(rs.getString("hash"))) {
                        return new Verification(count, seq);
                    }
                    expectedPrev = rs.getString("hash");
                    expectedSeq++;
                }
            }
            return new Verification(count, null);
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Could not read the audit trail", e);
        }
    }
}
