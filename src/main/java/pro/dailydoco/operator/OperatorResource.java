package pro.dailydoco.operator;

import java.util.List;
import java.util.UUID;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import pro.dailydoco.account.CurrentUser;
import pro.dailydoco.account.WorkspaceOwners;
import pro.dailydoco.account.web.Access;
import pro.dailydoco.core.web.Flash;
import pro.dailydoco.core.web.Requests;
import pro.dailydoco.mail.MailOutbox;
import pro.dailydoco.sso.SsoSecretCheck;
import pro.dailydoco.tenant.TenantStatus;

/** The platform operator's tenant list, with suspend and reactivate, assigning an owner, and the mail the platform could not deliver. */
@Path("/operator/tenants")
@Produces(MediaType.TEXT_HTML)
@Access.Operator
public class OperatorResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance tenants(List<OperatorService.TenantRow> tenants, int page, int pages, long total,
                long undeliveredCount, List<MailOutbox.UndeliveredMail> undelivered,
                List<SsoSecretCheck.MissingSecret> ssoSecretsMissing);
    }

    /** Undelivered mails listed on the page; the count covers them all. */
    static final int UNDELIVERED_SHOWN = 20;

    private final OperatorService operator;
    private final MailOutbox mailOutbox;
    private final CurrentUser currentUser;
    private final Flash flash;
    private final WorkspaceOwners owners;
    private final SsoSecretCheck ssoSecrets;

    OperatorResource(OperatorService operator, MailOutbox mailOutbox, CurrentUser currentUser, Flash flash,
            WorkspaceOwners owners, SsoSecretCheck ssoSecrets) {
        this.ssoSecrets = ssoSecrets;
        this.operator = operator;
        this.mailOutbox = mailOutbox;
        this.owners = owners;
        this.currentUser = currentUser;
        this.flash = flash;
    }

    @GET
    public TemplateInstance list(@RestQuery Integer page) {
        long total = operator.tenantCount();
        int pages = (int) Math.max(1, (total + OperatorService.PAGE_SIZE - 1) / OperatorService.PAGE_SIZE);
        int current = Math.min(Math.max(1, page == null ? 1 : page), pages);
        return Templates.tenants(operator.tenants(current), current, pages, total, mailOutbox.undeliveredCount(),
                mailOutbox.undelivered(UNDELIVERED_SHOWN), ssoSecrets.missing());
    }

    @POST
    @Path("{tenantId}/suspend")
    public Response suspend(@RestPath UUID tenantId) {
        operator.setStatus(currentUser.id(), tenantId, TenantStatus.SUSPENDED);
        flash.set("Tenant suspended. Its members now see a suspension page; no data was removed.");
        return Requests.seeOther("/operator/tenants");
    }

    @POST
    @Path("{tenantId}/reactivate")
    public Response reactivate(@RestPath UUID tenantId) {
        operator.setStatus(currentUser.id(), tenantId, TenantStatus.ACTIVE);
        flash.set("Tenant reactivated.");
        return Requests.seeOther("/operator/tenants");
    }

    /** Onboarding a workspace declared in a file (it has no creator), or recovering one whose owners left. */
    @POST
    @Path("{tenantId}/owners")
    public Response assignOwner(@RestPath UUID tenantId, @RestForm String email) {
        boolean changed = owners.assignByOperator(currentUser.id(), tenantId, email);
        flash.set(changed ? email.trim() + " is now an owner of that workspace." : email.trim() + " already was an owner of that workspace.");
        return Requests.seeOther("/operator/tenants");
    }
}
