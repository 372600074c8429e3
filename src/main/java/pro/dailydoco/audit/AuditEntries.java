package pro.dailydoco.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import pro.dailydoco.core.database.Row;
import pro.dailydoco.core.web.Paged;

/**
 * Reads the audit chains for the audit pages. Rows hold ids only (personal data must stay erasable); the actor's
 * display name is looked up at read time, and only among the tenant's current members, so a removed or erased
 * person shows as an id.
 */
@ApplicationScoped
public class AuditEntries {

    public static final int PAGE_SIZE = 25;
    static final Set<String> OUTCOMES = Set.of("SUCCESS", "FAILURE", "DENIED");

    /** One audit row as shown; {@code actorName} is null when the actor is not (or no longer) a member. */
    public record Entry(long seq, Instant occurredAt, String actorKind, UUID actorUserId, String actorName,
            String action, String targetType, String targetId, String outcome, UUID subjectTenantId) {

        /** The action in words (the code stays available to auditors beside it). */
        public String actionLabel() {
            return AuditActions.label(action);
        }

        public String outcomeLabel() {
            return AuditActions.outcome(outcome);
        }

        public String actor() {
            if (actorName != null) {
                return actorName;
            }
            return actorUserId == null ? actorKind.toLowerCase() : "user " + actorUserId;
        }

        public String target() {
            return targetType == null ? "—" : targetType + (targetId == null ? "" : " " + targetId);
        }
    }

    /** Exact-match filters; blank means any. An outcome outside the known set is ignored. */
    public record Filter(String action, String outcome) {
        public Filter {
            action = action == null || action.isBlank() ? null : action.trim();
            outcome = outcome == null || !OUTCOMES.contains(outcome.trim().toUpperCase()) ? null : outcome.trim().toUpperCase();
        }

        public List<String> outcomes() {
            return List.of("SUCCESS", "FAILURE", "DENIED");
        }

        public static Filter none() {
            return new Filter(null, null);
        }

        /** The filter as a query string prefix for pager links: "action=x&outcome=y&" (values URL-encoded). */
        public String query() {
            StringBuilder q = new StringBuilder();
            if (action != null) {
                q.append("action=").append(java.net.URLEncoder.encode(action, java.nio.charset.StandardCharsets.UTF_8)).append('&');
            }
            if (outcome != null) {
                q.append("outcome=").append(outcome).append('&');
            }
            return q.toString();
        }
    }

    private final EntityManager entityManager;

    AuditEntries(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** A page of the chain of the tenant in context (row-level security shows no other), newest first. */
    @Transactional
    public Paged<Entry> tenantPage(UUID tenantId, Filter filter, Integer page) {
        return page("audit_entry", "tenant_id", tenantId, filter, page, PAGE_SIZE);
    }

    /** A page of the platform chain, newest first (operator only: the resource guards it). */
    @Transactional
    public Paged<Entry> platformPage(Filter filter, Integer page) {
        return page("platform_audit_entry", "subject_tenant_id", null, filter, page, PAGE_SIZE);
    }

    /** The tenant's newest entries, for the admin overview. */
    @Transactional
    public List<Entry> recent(UUID tenantId, int count) {
        // The newest few only: no count of the whole log (the overview shows no pages).
        return entries("audit_entry", "tenant_id", tenantId, " where tenant_id = ?1", List.of(tenantId), 0, count);
    }

    /** The distinct actions in a chain, for the filter's choices. */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<String> actions(UUID tenantId) {
        Query query = tenantId == null
                ? entityManager.createNativeQuery("select distinct action from platform_audit_entry order by action")
                : entityManager.createNativeQuery("select distinct action from audit_entry where tenant_id = ?1 order by action")
                        .setParameter(1, tenantId);
        return query.getResultList();
    }

    private Paged<Entry> page(String table, String subjectColumn, UUID tenantId, Filter filter, Integer requested,
            int pageSize) {
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder(" where true");
        if (tenantId != null) {
            params.add(tenantId);
            where.append(" and tenant_id = ?").append(params.size());
        }
        if (filter.action() != null) {
            params.add(filter.action());
            where.append(" and action = ?").append(params.size());
        }
        if (filter.outcome() != null) {
            params.add(filter.outcome());
            where.append(" and outcome = ?").append(params.size());
        }
        long total = ((Number) bind(entityManager.createNativeQuery("select count(*) from " + table + where), params)
                .getSingleResult()).longValue();
        int current = Paged.clamp(requested, total, pageSize);
        return new Paged<>(entries(table, subjectColumn, tenantId, where.toString(), params, (current - 1) * pageSize,
                pageSize), current, Paged.pages(total, pageSize), total);
    }

    /** Entries of {@code table} matching {@code where}, newest first, with their actors' display names. */
    private List<Entry> entries(String table, String subjectColumn, UUID tenantId, String where, List<Object> params,
            int offset, int limit) {
        List<Row> rows = Row.list(bind(entityManager.createNativeQuery("select seq as seq, occurred_at as occurred_at,"
                + " actor_kind as actor_kind, actor_user_id as actor_user_id, action as action, target_type as target_type,"
                + " target_id as target_id, outcome as outcome, " + subjectColumn + " as subject_tenant_id from " + table
                + where + " order by seq desc", Tuple.class), params)
                .setFirstResult(offset).setMaxResults(limit));
        Map<UUID, String> names = names(tenantId, rows.stream().map(r -> r.uuid("actor_user_id"))
                .filter(java.util.Objects::nonNull).collect(Collectors.toSet()));
        return rows.stream().map(r -> new Entry(r.longValue("seq"), r.instant("occurred_at"), r.string("actor_kind"),
                r.uuid("actor_user_id"), names.get(r.uuid("actor_user_id")), r.string("action"), r.string("target_type"),
                r.string("target_id"), r.string("outcome"), r.uuid("subject_tenant_id"))).toList();
    }

    /** Display names of the actors: members of the tenant for a tenant chain, any user for the platform chain. */
    private Map<UUID, String> names(UUID tenantId, Set<UUID> userIds) {
        Map<UUID, String> names = new HashMap<>();
        if (userIds.isEmpty()) {
            return names;
        }
        Query query = tenantId == null
                ? entityManager.createNativeQuery(
                        "select u.id as id, u.display_name as display_name from account_person u where u.id in (?1)", Tuple.class)
                        .setParameter(1, userIds)
                : entityManager.createNativeQuery("""
                        select u.id as id, u.display_name as display_name
                        from account_member m join account_person u on u.id = m.user_id
                        where m.tenant_id = ?2 and u.id in (?1)""", Tuple.class)
                        .setParameter(1, userIds).setParameter(2, tenantId);
        for (Row row : Row.list(query)) {
            names.put(row.uuid("id"), row.string("display_name"));
        }
        return names;
    }

    private static Query bind(Query query, List<Object> params) {
        for (int i = 0; i < params.size(); i++) {
            query.setParameter(i + 1, params.get(i));
        }
        return query;
    }
}
