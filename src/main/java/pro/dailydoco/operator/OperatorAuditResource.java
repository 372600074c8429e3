package pro.dailydoco.operator;

import java.util.List;

import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import pro.dailydoco.account.web.Access;
import pro.dailydoco.audit.AuditEntries;
import pro.dailydoco.audit.AuditVerifier;
import pro.dailydoco.core.web.Paged;
import pro.dailydoco.core.web.Requests;

/** The platform chain (operator actions, sign-ups, logins), for the platform operator only. */
@Path("/operator/audit")
@Produces(MediaType.TEXT_HTML)
@Access.Operator
public class OperatorAuditResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance audit(String base, Paged<AuditEntries.Entry> page, AuditEntries.Filter filter,
                List<String> actions, AuditVerifier.Verification verification);

        static native TemplateInstance audit$entries(String base, Paged<AuditEntries.Entry> page,
                AuditEntries.Filter filter, List<String> actions);
    }

    private static final String BASE = "/operator/audit";
    private final AuditEntries entries;
    private final AuditVerifier verifier;

    OperatorAuditResource(AuditEntries entries, AuditVerifier verifier) {
        this.entries = entries;
        this.verifier = verifier;
    }

    @GET
    public TemplateInstance list(@RestQuery String action, @RestQuery String outcome, @RestQuery Integer page,
            @Context HttpHeaders headers) {
        AuditEntries.Filter filter = new AuditEntries.Filter(action, outcome);
        if (Requests.isHtmx(headers)) {
            return Templates.audit$entries(BASE, entries.platformPage(filter, page), filter, entries.actions(null));
        }
        return Templates.audit(BASE, entries.platformPage(filter, page), filter, entries.actions(null), null);
    }

    @POST
    @Path("verify")
    public TemplateInstance verify() {
        AuditEntries.Filter filter = AuditEntries.Filter.none();
        return Templates.audit(BASE, entries.platformPage(filter, 1), filter, entries.actions(null), verifier.verifyPlatform());
    }
}
