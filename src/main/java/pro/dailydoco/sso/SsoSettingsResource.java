package pro.dailydoco.sso;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import pro.dailydoco.account.CurrentUser;
import pro.dailydoco.account.Permission;
import pro.dailydoco.account.web.Access;
import pro.dailydoco.billing.Entitlements;
import pro.dailydoco.core.DomainException;
import pro.dailydoco.core.InvalidInput;
import pro.dailydoco.core.web.Flash;
import pro.dailydoco.core.web.Requests;
import pro.dailydoco.tenant.Tenant;
import pro.dailydoco.tenant.TenantConfig;
import pro.dailydoco.tenant.TenantContext;

/** The SSO settings page of a workspace (Enterprise; owners and admins). */
@Path("/t/{slug}/settings/sso")
@Produces(MediaType.TEXT_HTML)
@Access.Requires(Permission.SSO_MANAGE)
public class SsoSettingsResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance settings(Tenant tenant, SsoSettings current, List<String> fileDomains,
                List<SsoDomainClaim> claims, Map<String, String> errors, DiscoveryProbe.Result probe, String testedIssuer,
                boolean passwordsAllowed, boolean fileDeclaresSso, SsoSecretCheck.MissingSecret missingSecret,
                SsoAddresses addresses);
    }

    private final SsoSettingsService settings;
    private final SsoSettingsAdmin admin;
    private final SsoDomains domains;
    private final DiscoveryProbe probe;
    private final Entitlements entitlements;
    private final TenantContext tenantContext;
    private final CurrentUser currentUser;
    private final Flash flash;
    private final SsoSecretCheck secretCheck;
    private final TenantConfig tenantConfig;

    SsoSettingsResource(SsoSettingsService settings, SsoSettingsAdmin admin, SsoDomains domains, DiscoveryProbe probe,
            Entitlements entitlements, TenantContext tenantContext, CurrentUser currentUser, Flash flash,
            SsoSecretCheck secretCheck, TenantConfig tenantConfig) {
        this.secretCheck = secretCheck;
        this.tenantConfig = tenantConfig;
        this.settings = settings;
        this.admin = admin;
        this.domains = domains;
        this.probe = probe;
        this.entitlements = entitlements;
        this.tenantContext = tenantContext;
        this.currentUser = currentUser;
        this.flash = flash;
    }

    @GET
    public TemplateInstance page(@RestPath String slug) {
        return render(Map.of(), null, null);
    }

    @POST
    public Response save(@RestPath String slug, @RestForm String issuer, @RestForm String clientId,
            @RestForm String clientSecret, @RestForm String scopes, @RestForm String defaultRole,
            @RestForm String roleMapping, @RestForm String enforce) {
        Tenant tenant = tenant();
        try {
            admin.save(tenant.id, currentUser.id(), new SsoSettingsAdmin.Form(issuer, clientId, clientSecret, scopes,
                    defaultRole, roleMapping, "on".equals(enforce) || "true".equals(enforce)));
        } catch (InvalidInput e) {
            return Response.status(400).entity(render(e.fieldErrors(), null, null)).build();
        }
        flash.set("Single sign-on settings saved.");
        return Requests.seeOther("/t/" + tenant.slug + "/settings/sso");
    }

    /** Removes the settings saved on this page, so those of the platform's tenant file are in force again. */
    @POST
    @Path("revert")
    public Response revertToFile(@RestPath String slug) {
        Tenant tenant = tenant();
        boolean reverted = admin.revertToFile(tenant.id, currentUser.id());
        flash.set(reverted ? "The settings from the platform's tenant file are in force again."
                : "The settings from the platform's tenant file were already in force.");
        return Requests.seeOther("/t/" + tenant.slug + "/settings/sso");
    }

    /** Whether people of the workspace's IdP may get a password by "Forgot password" (a checkbox; absent = no). */
    @POST
    @Path("password-access")
    public Response passwordAccess(@RestPath String slug, @RestForm String allowPasswords) {
        Tenant tenant = tenant();
        boolean allow = "on".equals(allowPasswords) || "true".equals(allowPasswords);
        admin.setPasswordAccess(tenant.id, currentUser.id(), allow);
        flash.set(allow ? "People of your identity provider may now get a password by \u201cForgot password\u201d."
                : "People of your identity provider get no password by \u201cForgot password\u201d.");
        return Requests.seeOther("/t/" + tenant.slug + "/settings/sso");
    }

    /** Fetches the issuer's discovery document and says what is wrong, if anything; changes nothing. */
    @POST
    @Path("test")
    public TemplateInstance testConnection(@RestPath String slug, @RestForm String issuer) {
        tenant();
        return render(Map.of(), probe.probe(issuer), issuer);
    }

    @POST
    @Path("domains")
    public Response claimDomain(@RestPath String slug, @RestForm String domain) {
        Tenant tenant = tenant();
        try {
            SsoDomainClaim claim = domains.claim(tenant.id, currentUser.id(), domain);
            flash.set("Publish the TXT record " + claim.txtRecordValue() + " at _dailydoco-challenge." + claim.domain
                    + ", then press Verify.");
        } catch (InvalidInput e) {
            return Response.status(400).entity(render(e.fieldErrors(), null, null)).build();
        }
        return Requests.seeOther("/t/" + tenant.slug + "/settings/sso");
    }

    @POST
    @Path("domains/{claimId}/verify")
    public Response verifyDomain(@RestPath String slug, @RestPath UUID claimId) {
        Tenant tenant = tenant();
        SsoDomainClaim claim = domains.verify(tenant.id, currentUser.id(), claimId);
        flash.set(claim.domain + " is verified.");
        return Requests.seeOther("/t/" + tenant.slug + "/settings/sso");
    }

    @POST
    @Path("domains/{claimId}/remove")
    public Response removeDomainClaim(@RestPath String slug, @RestPath UUID claimId) {
        Tenant tenant = tenant();
        SsoDomainClaim claim = domains.removePending(tenant.id, currentUser.id(), claimId);
        flash.set("The claim on " + claim.domain + " was removed.");
        return Requests.seeOther("/t/" + tenant.slug + "/settings/sso");
    }

    private Tenant tenant() {
        Tenant tenant = tenantContext.tenant().orElseThrow(() -> DomainException.notFound("There is no such workspace."));
        entitlements.requireSso(tenant.id);
        return tenant;
    }

    private TemplateInstance render(Map<String, String> errors, DiscoveryProbe.Result result, String testedIssuer) {
        Tenant tenant = tenant();
        return Templates.settings(tenant, settings.forTenant(tenant.id).orElse(null), SsoSettingsService.yamlDomains(tenant),
                domains.ofCurrentTenant(), errors, result, testedIssuer, settings.passwordsAllowed(tenant.id),
                SsoSettingsService.yaml(tenant).isPresent(), secretCheck.missingFor(tenant).orElse(null),
                SsoAddresses.of(tenantConfig, tenant.slug));
    }
}
