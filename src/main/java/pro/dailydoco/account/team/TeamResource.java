package pro.dailydoco.account.team;

import java.util.List;
import java.util.Map;
import java.util.Set;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import pro.dailydoco.account.CurrentUser;
import pro.dailydoco.account.Membership;
import pro.dailydoco.account.Permission;
import pro.dailydoco.account.Role;
import pro.dailydoco.account.SeatLimits;
import pro.dailydoco.account.secondfactor.SecondFactorResets;
import pro.dailydoco.account.secondfactor.SecondFactorService;
import pro.dailydoco.account.web.Access;
import pro.dailydoco.core.DomainException;
import pro.dailydoco.core.InvalidInput;
import pro.dailydoco.core.web.Flash;
import pro.dailydoco.core.web.FormState;
import pro.dailydoco.core.web.Requests;
import pro.dailydoco.tenant.Tenant;
import pro.dailydoco.tenant.TenantContext;

/** The team admin page: members (search, pages), invitations, roles, removal and ownership transfer. */
@Path("/t/{slug}/members")
@Produces(MediaType.TEXT_HTML)
public class TeamResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance members(Tenant tenant, TeamService.MemberPage page, List<Invitation> invitations,
                long seatsUsed, long seatLimit, String planName, FormState inviteForm, String inviteError,
                boolean upgradeOffered, Membership me, List<Role> roles, List<Role> invitableRoles, java.time.Instant now,
                Set<UUID> twoStep, String tableMessage, String tableError);

        static native TemplateInstance members$memberTable(Tenant tenant, TeamService.MemberPage page, Membership me,
                List<Role> roles, Set<UUID> twoStep, String tableMessage, String tableError);
    }

    private final TeamService team;
    private final SeatLimits seatLimits;
    private final CurrentUser currentUser;
    private final TenantContext tenantContext;
    private final Flash flash;
    private final java.time.Clock clock;
    private final SecondFactorService secondFactors;
    private final SecondFactorResets secondFactorResets;

    TeamResource(TeamService team, SeatLimits seatLimits, CurrentUser currentUser, TenantContext tenantContext, Flash flash,
            java.time.Clock clock, SecondFactorService secondFactors, SecondFactorResets secondFactorResets) {
        this.secondFactors = secondFactors;
        this.secondFactorResets = secondFactorResets;
        this.team = team;
        this.seatLimits = seatLimits;
        this.currentUser = currentUser;
        this.tenantContext = tenantContext;
        this.flash = flash;
        this.clock = clock;
    }

    @GET
    @Access.Requires(Permission.MEMBERS_VIEW)
    public TemplateInstance list(@RestPath String slug, @RestQuery String q, @RestQuery Integer page,
            @Context HttpHeaders headers) {
        Tenant tenant = tenant();
        TeamService.MemberPage members = team.members(tenant.id, q, page == null ? 1 : page);
        if (Requests.isFragment(headers, "member-table")) {
            return memberTable(tenant, members, null, null);
        }
        // An invitation starts at the least powerful working role; granting Admin is a deliberate choice.
        return page(tenant, members, FormState.of(Map.of("role", Role.MEMBER.name())), null, false);
    }

    @POST
    @Path("invitations")
    @Access.Requires(Permission.MEMBERS_MANAGE)
    public Response invite(@RestPath String slug, @RestForm String email, @RestForm String role) {
        Tenant tenant = tenant();
        FormState form = FormState.of(Map.of("email", email == null ? "" : email, "role", role == null ? "" : role));
        try {
            Invitation invitation = team.invite(tenant, currentUser.id(), email, parseRole(role));
            flash.set("Invitation sent to " + invitation.email + ".");
            return Requests.seeOther("/t/" + tenant.slug + "/members");
        } catch (InvalidInput e) {
            return Response.status(400).entity(page(tenant, team.members(tenant.id, null, 1), form.withErrors(e.fieldErrors()), null, false)).build();
        } catch (TeamService.SeatLimitReached e) {
            return Response.status(402).entity(page(tenant, team.members(tenant.id, null, 1), form, e.detail(), true)).build();
        }
    }

    @POST
    @Path("invitations/{invitationId}/resend")
    @Access.Requires(Permission.MEMBERS_MANAGE)
    public Response resend(@RestPath String slug, @RestPath UUID invitationId) {
        team.resend(tenant(), currentUser.id(), invitationId);
        flash.set("Invitation sent again, with a new link valid for 7 days.");
        return Requests.seeOther("/t/" + slug + "/members");
    }

    @POST
    @Path("invitations/{invitationId}/revoke")
    @Access.Requires(Permission.MEMBERS_MANAGE)
    public Response revoke(@RestPath String slug, @RestPath UUID invitationId) {
        team.revoke(tenant(), currentUser.id(), invitationId);
        flash.set("Invitation revoked; its link no longer works.");
        return Requests.seeOther("/t/" + slug + "/members");
    }

    /**
     * Changes a role; from htmx it answers the member table. A refused change (the last owner, 409) is a message on
     * the team form, in the table or on the re-rendered page, not an error page
     * (docs/decisions/0174-danger-and-confirmation.md).
     */
    @POST
    @Path("{membershipId}/role")
    @Access.Requires(Permission.MEMBERS_MANAGE)
    public Response changeRole(@RestPath String slug, @RestPath UUID membershipId, @RestForm String role,
            @Context HttpHeaders headers) {
        try {
            team.changeRole(tenant(), me(), membershipId, parseRole(role));
        } catch (DomainException e) {
            return refusedOnTheForm(e, headers);
        }
        if (Requests.isFragment(headers, "member-table")) {
            return Response.ok(memberTable(tenant(), team.members(tenant().id, null, 1), "Role changed.", null)).build();
        }
        flash.set("Role changed.");
        return Requests.seeOther("/t/" + slug + "/members");
    }

    @POST
    @Path("{membershipId}/remove")
    @Access.Requires(Permission.MEMBERS_MANAGE)
    public Response remove(@RestPath String slug, @RestPath UUID membershipId, @Context HttpHeaders headers) {
        try {
            team.remove(tenant(), me(), membershipId);
        } catch (DomainException e) {
            return refusedOnTheForm(e, headers);
        }
        flash.set("Member removed from the workspace.");
        return Requests.seeOther("/t/" + slug + "/members");
    }

    /** A conflict with the team's rules (409) shown where the person acted; anything else goes to the error pages. */
    private Response refusedOnTheForm(DomainException e, HttpHeaders headers) {
        if (e.status() != 409) {
            throw e;
        }
        Tenant tenant = tenant();
        TeamService.MemberPage members = team.members(tenant.id, null, 1);
        if (Requests.isHtmx(headers)) {
            return Response.status(409).header("X-Form-Error", "true").entity(memberTable(tenant, members, null, e.detail()))
                    .build();
        }
        return Response.status(409).entity(Templates.members(tenant, members, team.invitations(), team.seatsUsed(tenant.id),
                seatLimits.seatLimit(tenant.id), seatLimits.planName(tenant.id), FormState.of(Map.of("role", Role.MEMBER.name())),
                null, false, me(), List.of(Role.values()), List.copyOf(Role.invitable()), clock.instant(), twoStep(members),
                null, e.detail())).build();
    }

    private TemplateInstance memberTable(Tenant tenant, TeamService.MemberPage members, String message, String error) {
        return Templates.members$memberTable(tenant, members, me(), List.of(Role.values()), twoStep(members), message, error);
    }

    @POST
    @Path("{membershipId}/transfer-ownership")
    @Access.Requires(Permission.OWNERSHIP_TRANSFER)
    public Response transferOwnership(@RestPath String slug, @RestPath UUID membershipId) {
        team.transferOwnership(tenant(), me(), membershipId);
        flash.set("Ownership transferred. You are now an admin of this workspace.");
        return Requests.seeOther("/t/" + slug + "/members");
    }

    /**
     * Another owner turns off a member's two-step sign-in (they lost their authenticator and recovery codes); audited
     * in this workspace, and the member is told by mail.
     */
    @POST
    @Path("{membershipId}/second-factor/reset")
    @Access.Requires(Permission.SECOND_FACTOR_RESET)
    public Response resetSecondFactor(@RestPath String slug, @RestPath UUID membershipId) {
        secondFactorResets.resetByOwner(tenant(), currentUser.id(), membershipId);
        flash.set("Two-step sign-in was turned off for that member, and they were told by mail. They sign in with their "
                + "password only until they set it up again.");
        return Requests.seeOther("/t/" + slug + "/members");
    }

    private TemplateInstance page(Tenant tenant, TeamService.MemberPage members, FormState inviteForm, String inviteError,
            boolean upgradeOffered) {
        return Templates.members(tenant, members, team.invitations(), team.seatsUsed(tenant.id),
                seatLimits.seatLimit(tenant.id), seatLimits.planName(tenant.id), inviteForm, inviteError, upgradeOffered,
                me(), List.of(Role.values()), List.copyOf(Role.invitable()), clock.instant(), twoStep(members), null, null);
    }

    /** Who on this page of members has two-step sign-in on. */
    private Set<UUID> twoStep(TeamService.MemberPage members) {
        return secondFactors.confirmedAmong(members.rows().stream().map(TeamService.MemberRow::userId).toList());
    }

    private Tenant tenant() {
        return tenantContext.tenant().orElseThrow();
    }

    private Membership me() {
        return currentUser.membership().orElseThrow();
    }

    private static Role parseRole(String role) {
        try {
            return role == null || role.isBlank() ? null : Role.valueOf(role);
        } catch (IllegalArgumentException e) {
            throw InvalidInput.of("role", "Choose one of the listed roles.");
        }
    }
}
