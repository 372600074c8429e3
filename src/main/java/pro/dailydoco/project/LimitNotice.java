package pro.dailydoco.project;

import pro.dailydoco.account.CurrentUser;
import pro.dailydoco.account.Permission;
import pro.dailydoco.billing.LimitExceeded;
import pro.dailydoco.tenant.Tenant;

/**
 * A refused addition as a page shows it: the server's message and the upgrade path — a link to the billing page
 * for people who may change the plan, otherwise whom to ask.
 */
public record LimitNotice(String message, String upgradeUrl, String upgradePlan) {

    static LimitNotice of(LimitExceeded e, Tenant tenant, CurrentUser user) {
        String plan = e.upgradeTo().map(p -> p.displayName()).orElse(null);
        String url = plan != null && user.can(Permission.BILLING_MANAGE) ? "/t/" + tenant.slug + "/billing" : null;
        return new LimitNotice(e.detail(), url, plan);
    }
}
