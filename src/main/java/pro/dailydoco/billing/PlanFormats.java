package pro.dailydoco.billing;

import io.quarkus.qute.TemplateExtension;
import pro.dailydoco.billing.events.Plan;
import pro.dailydoco.core.web.Formats;

/** How plan limits read on pages ({@code {fmt:limit(plan.seats)}}); beside the catalogue that defines "unlimited". */
public final class PlanFormats {

    private PlanFormats() {
    }

    /** A plan limit as people read it: "Unlimited" or "1,000". */
    @TemplateExtension(namespace = "fmt")
    static String limit(long value) {
        return value == Plan.UNLIMITED ? "Unlimited" : Formats.count(value);
    }

    /** A plan stored by its code ("ENTERPRISE", e.g. a tenant file's override) by its name: "Enterprise". */
    @TemplateExtension(namespace = "fmt")
    static String plan(String code) {
        for (Plan plan : Plan.values()) {
            if (plan.name().equalsIgnoreCase(code)) {
                return plan.displayName();
            }
        }
        return code == null ? "—" : Formats.words(code);
    }
}
