package pro.dailydoco.account;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import pro.dailydoco.tenant.ScopedWork;
import pro.dailydoco.tenant.Tenant;
import pro.dailydoco.tenant.TenantDefinitions;

/**
 * Dev mode only: demo people in the demo workspace, so the app can be explored right after {@code quarkus:dev}.
 * Their password is in the README; it never exists outside dev mode.
 */
@ApplicationScoped
@IfBuildProfile("dev")
public class DemoData {

    public static final String PASSWORD = "demo-password-2026";
    private static final List<Object[]> PEOPLE = List.of(
            new Object[] { "owner@demo.dailydoco.test", "Olivia Owner", Role.OWNER },
            new Object[] { "admin@demo.dailydoco.test", "Adam Admin", Role.ADMIN },
            new Object[] { "member@demo.dailydoco.test", "Mia Member", Role.MEMBER },
            new Object[] { "billing@demo.dailydoco.test", "Bill Billing", Role.BILLING });

    private final ScopedWork scopedWork;
    private final PasswordHasher hasher;

    DemoData(ScopedWork scopedWork, PasswordHasher hasher) {
        this.scopedWork = scopedWork;
        this.hasher = hasher;
    }

    void seed(@Observes @Priority(TenantDefinitions.STARTUP_PRIORITY + 10) StartupEvent event) {
        Tenant demo = scopedWork.call(null, null, () -> Tenant.findBySlug("demo").orElse(null));
        if (demo == null) {
            return;
        }
        String hash = hasher.hash(PASSWORD);
        for (Object[] person : PEOPLE) {
            String email = (String) person[0];
            UUID userId = scopedWork.call(null, null, () -> User.findByEmail(email).map(u -> u.id).orElseGet(() -> {
                User user = new User();
                user.id = UUID.randomUUID();
                user.email = email;
                user.displayName = (String) person[1];
                user.passwordHash = hash;
                user.emailVerifiedAt = Instant.now();
                user.homeTenantId = demo.id;
                user.createdAt = Instant.now();
                user.updatedAt = user.createdAt;
                user.persist();
                return user.id;
            }));
            scopedWork.run(demo.id, userId, () -> {
                if (Membership.find(demo.id, userId).isEmpty()) {
                    Membership membership = new Membership();
                    membership.id = UUID.randomUUID();
                    membership.tenantId = demo.id;
                    membership.userId = userId;
                    membership.role = (Role) person[2];
                    membership.createdAt = Instant.now();
                    membership.persist();
                }
            });
        }
        Log.infof("Demo people ready in /t/demo/: owner@demo.dailydoco.test … (password %s)", PASSWORD);
    }
}
