package pro.dailydoco.support;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.quarkus.narayana.jta.QuarkusTransaction;
import pro.dailydoco.tenant.Tenant;
import pro.dailydoco.tenant.TenantStatus;

/** Builds tenants for tests; each call makes a fresh one with a unique slug. */
public final class TestTenants {

    private TestTenants() {
    }

    public static String uniqueSlug(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static Tenant create(String prefix) {
        return create(prefix, TenantStatus.ACTIVE, List.of());
    }

    /** A tenant whose plan is fixed by an override (as tenants/*.yaml would). */
    public static Tenant withPlan(String prefix, String plan) {
        Tenant tenant = create(prefix);
        QuarkusTransaction.requiringNew().run(() -> Tenant.update("planOverride = ?1 where id = ?2", plan, tenant.id));
        tenant.planOverride = plan;
        return tenant;
    }

    public static Tenant create(String prefix, TenantStatus status, List<String> hostnames) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Tenant tenant = new Tenant();
            tenant.id = UUID.randomUUID();
            tenant.slug = uniqueSlug(prefix);
            tenant.displayName = "Tenant " + tenant.slug;
            tenant.status = status;
            tenant.primaryColor = "#123456";
            tenant.accentColor = "#abcdef";
            tenant.hostnames = new ArrayList<>(hostnames);
            tenant.source = Tenant.Source.SIGNUP;
            tenant.createdAt = Instant.now();
            tenant.updatedAt = Instant.now();
            tenant.persist();
            return tenant;
        });
    }
}
