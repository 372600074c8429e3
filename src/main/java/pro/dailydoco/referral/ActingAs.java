package pro.dailydoco.referral;

import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import pro.dailydoco.tenant.RowLevelSecurity;
import pro.dailydoco.tenant.TenantContext;

/**
 * Runs part of the current transaction as another user (docs/decisions/0004-scope-per-unit-of-work.md): pending changes
 * are flushed under the settings they were made with, {@code app.user_id} switches to {@code userId}, and afterwards
 * switches back. Used where one transaction must write several users' rows — a sign-up's tree rows, an invoice's 7
 * ancestors — so each row passes its own owner's policy and no policy is ever widened.
 */
@ApplicationScoped
public class ActingAs {

    private final RowLevelSecurity rowLevelSecurity;

    ActingAs(RowLevelSecurity rowLevelSecurity) {
        this.rowLevelSecurity = rowLevelSecurity;
    }

    public <T> T call(UUID userId, Supplier<T> work) {
        TenantContext context = TenantContext.current().orElseThrow(() -> new IllegalStateException(
                "Referral work needs a unit-of-work context: run it in a request or through ScopedWork"));
        UUID previous = context.userId().orElse(null);
        if (userId.equals(previous)) {
            return work.get();
        }
        context.setUserId(userId);
        rowLevelSecurity.reapply();
        try {
            return work.get();
        } finally {
            context.setUserId(previous);
            rowLevelSecurity.reapply();
        }
    }

    public void run(UUID userId, Runnable work) {
        call(userId, () -> {
            work.run();
            return null;
        });
    }
}
