package pro.dailydoco.integration;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import pro.dailydoco.account.Membership;
import pro.dailydoco.account.Role;
import pro.dailydoco.account.User;
import pro.dailydoco.audit.AuditEvent;
import pro.dailydoco.audit.AuditLog;
import pro.dailydoco.core.web.Formats;
import pro.dailydoco.mail.MailOutbox;
import pro.dailydoco.tenant.Tenant;
import pro.dailydoco.tenant.TenantConfig;

/**
 * Disables an endpoint that kept failing, in the sender's transaction of the failure that crossed the line: the
 * audit entry and the mail to the workspace's owners and admins (through the mail outbox, sent after commit) exist
 * exactly when the endpoint is disabled.
 */
@ApplicationScoped
class WebhookFailures {

    private final AuditLog auditLog;
    private final MailOutbox mail;
    private final TenantConfig tenantConfig;
    private final WebhookConfig config;

    WebhookFailures(AuditLog auditLog, MailOutbox mail, TenantConfig tenantConfig, WebhookConfig config) {
        this.auditLog = auditLog;
        this.mail = mail;
        this.tenantConfig = tenantConfig;
        this.config = config;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void disable(WebhookEndpoint endpoint, Instant now) {
        UUID tenantId = UUID.fromString(endpoint.tenantId);
        endpoint.enabled = false;
        endpoint.disabledAt = now;
        endpoint.disabledReason = "Every delivery failed since " + Formats.dateTime(endpoint.failingSince) + ".";
        endpoint.updatedAt = now;
        auditLog.record(tenantId, AuditEvent.system("webhook.endpoint-disabled").subjectTenant(tenantId)
                .target("webhook-endpoint", endpoint.id.toString()).detail("failingSince", endpoint.failingSince).build());
        Tenant tenant = Tenant.findById(tenantId);
        String page = tenantConfig.absolute("/t/" + tenant.slug + "/settings/webhooks/" + endpoint.id);
        List<Membership> managers = Membership.list("tenantId = ?1 and role in ?2", tenantId, List.of(Role.OWNER, Role.ADMIN));
        for (Membership manager : managers) {
            User user = User.findById(manager.userId);
            if (user == null || user.email == null) {
                continue;
            }
            mail.enqueue(user.email, "A webhook endpoint of " + tenant.displayName + " was disabled",
                    "Hello,\n\nwe disabled the webhook endpoint " + endpoint.url + " of the workspace " + tenant.displayName
                            + ": every delivery to it has failed since " + Formats.dateTime(endpoint.failingSince)
                            + ", and we retry for " + config.giveUpAfter().toDays() + " days.\n\n"
                            + "Fix the endpoint, then enable it again and resend what it missed:\n" + page + "\n");
        }
        Log.infof("Webhook endpoint %s of workspace %s disabled after failing since %s", endpoint.id, tenantId,
                endpoint.failingSince);
    }
}
