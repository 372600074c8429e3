package pro.dailydoco.tenant;

import java.text.Normalizer;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/** Creating workspaces at sign-up, suspending them, and the row lock that serialises changes to a team. */
@ApplicationScoped
public class TenantService {

    private final EntityManager entityManager;

    TenantService(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Creates a workspace for a person signing up; its slug is derived from the name and made unique. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Tenant createForSignup(String displayName, UUID creatorUserId) {
        Tenant tenant = new Tenant();
        tenant.id = UUID.randomUUID();
        tenant.slug = availableSlug(displayName);
        tenant.displayName = displayName.trim();
        tenant.source = Tenant.Source.SIGNUP;
        tenant.createdByUserId = creatorUserId;
        tenant.createdAt = Instant.now();
        tenant.updatedAt = tenant.createdAt;
        tenant.persist();
        return tenant;
    }

    /**
     * Locks the tenant's row until the transaction ends: seat counts, last-owner checks and plan changes for one
     * workspace happen one at a time, on every instance.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Tenant lock(UUID tenantId) {
        Tenant tenant = entityManager.find(Tenant.class, tenantId, LockModeType.PESSIMISTIC_WRITE);
        if (tenant == null) {
            throw new IllegalStateException("No tenant " + tenantId);
        }
        return tenant;
    }

    /** One page of every workspace, newest first (the operator's list). */
    @Transactional
    public List<Tenant> newestFirst(int firstResult, int maxResults) {
        return Tenant.find("order by createdAt desc").range(firstResult, firstResult + maxResults - 1).list();
    }

    /** How many workspaces there are. */
    @Transactional
    public long count() {
        return Tenant.count();
    }

    @Transactional
    public Optional<Tenant> setStatus(UUID tenantId, TenantStatus status) {
        Tenant tenant = entityManager.find(Tenant.class, tenantId, LockModeType.PESSIMISTIC_WRITE);
        if (tenant == null) {
            return Optional.empty();
        }
        tenant.status = status;
        tenant.updatedAt = Instant.now();
        return Optional.of(tenant);
    }

    static String slugBase(String name) {
        String ascii = Normalizer.normalize(name == null ? "" : name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > 30) {
            slug = slug.substring(0, 30).replaceAll("-+$", "");
        }
        return slug.length() < 3 ? "workspace" : slug;
    }

    private String availableSlug(String name) {
        String base = slugBase(name);
        if (!TenantDefinitionValidator.RESERVED_SLUGS.contains(base) && Tenant.findBySlug(base).isEmpty()) {
            return base;
        }
        for (int i = 2; i < 50; i++) {
            String candidate = base + "-" + i;
            if (Tenant.findBySlug(candidate).isEmpty()) {
                return candidate;
            }
        }
        return base + "-" + UUID.randomUUID().toString().substring(0, 6);
    }
}
