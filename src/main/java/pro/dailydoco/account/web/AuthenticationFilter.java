package pro.dailydoco.account.web;

import java.lang.annotation.Annotation;
import java.util.Optional;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import pro.dailydoco.account.Authenticator;
import pro.dailydoco.account.CurrentUser;
import pro.dailydoco.account.Membership;
import pro.dailydoco.account.secondfactor.SecondFactorPrompt;
import pro.dailydoco.audit.AuditEvent;
import pro.dailydoco.audit.AuditLog;
import pro.dailydoco.core.DomainException;
import pro.dailydoco.core.web.Requests;
import pro.dailydoco.tenant.Tenant;
import pro.dailydoco.tenant.TenantContext;
import pro.dailydoco.tenant.WorkspaceNotFound;
import pro.dailydoco.tenant.WorkspaceSuspended;

/**
 * Finds the signed-in user from the session cookie and enforces the access rules declared with {@link Access}
 * before any resource runs. Workspace pages ({@code /t/{slug}/…}) are for members unless marked otherwise; anyone
 * else, signed in or not, gets the same 404 as an unknown workspace, and a member without the needed permission
 * gets 403.
 */
public class AuthenticationFilter {

    private final Authenticator authenticator;
    private final CurrentUser currentUser;
    private final TenantContext tenantContext;
    private final AuditLog auditLog;
    private final SecondFactorPrompt secondFactor;

    AuthenticationFilter(Authenticator authenticator, CurrentUser currentUser, TenantContext tenantContext, AuditLog auditLog,
            SecondFactorPrompt secondFactor) {
        this.secondFactor = secondFactor;
        this.authenticator = authenticator;
        this.currentUser = currentUser;
        this.tenantContext = tenantContext;
        this.auditLog = auditLog;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Optional<Response> authenticate(ContainerRequestContext request, ResourceInfo resource) {
        Cookie cookie = request.getCookies().get(SessionCookies.SESSION);
        if (cookie != null) {
            authenticator.signIn(cookie.getValue());
        }
        if (currentUser.isSignedIn() && !openBeforeSecondFactor(request.getUriInfo().getPath()) && secondFactor.isOverdue()) {
            // Past the grace period, a person a second factor is required of sets it up before anything else
            // (docs/decisions/0126-second-factor-required-with-a-grace-period.md).
            return Optional.of(toSecondFactorSetUp(request));
        }
        if (has(resource, Access.Operator.class)) {
            if (!currentUser.isSignedIn()) {
                return Optional.of(toSignIn(request));
            }
            if (!currentUser.isOperator()) {
                denied(request, "operator-page");
                throw DomainException.notFound("There is nothing at this address.");
            }
            return Optional.empty();
        }
        Optional<Tenant> tenant = tenantContext.tenant();
        boolean workspacePage = tenant.isPresent() && request.getUriInfo().getPath().startsWith("/t/");
        if (workspacePage && has(resource, Access.OpenToNonMembers.class)) {
            // Nobody signs in to, or joins, a suspended workspace; to outsiders it looks like no workspace at all.
            if (tenant.get().isSuspended()) {
                throw new WorkspaceNotFound();
            }
            if (has(resource, Access.SignedIn.class) && !currentUser.isSignedIn()) {
                return Optional.of(toSignIn(request)); // e.g. accepting an invitation as the person signed in
            }
        } else if (workspacePage) {
            // Signed out counts as outside: the same 404 as an unknown workspace, so an address never tells whether
            // a workspace exists (docs/decisions/0095-outsiders-see-one-not-found.md). OutsiderAnswers renders it.
            if (!currentUser.isSignedIn()) {
                throw new WorkspaceNotFound();
            }
            Membership membership = authenticator.membershipIn(tenant.get()).orElse(null);
            if (membership == null) {
                denied(request, "not-a-member");
                throw new WorkspaceNotFound();
            }
            if (tenant.get().isSuspended()) {
                throw new WorkspaceSuspended(tenant.get());
            }
            Access.Requires requires = annotation(resource, Access.Requires.class);
            if (requires != null && !membership.role.can(requires.value())) {
                denied(request, "missing-" + requires.value().name().toLowerCase());
                throw DomainException.forbidden("Your role (" + membership.role.label()
                        + ") does not allow this. Ask an owner or admin of this workspace.");
            }
        } else if ((has(resource, Access.SignedIn.class)) && !currentUser.isSignedIn()) {
            return Optional.of(toSignIn(request));
        }
        return Optional.empty();
    }

    private void denied(ContainerRequestContext request, String reason) {
        auditLog.recordSecurityEvent((currentUser.isSignedIn()
                ? AuditEvent.user(currentUser.id(), "access.denied")
                : AuditEvent.anonymous("access.denied"))
                .denied()
                .subjectTenant(tenantContext.tenantId().orElse(null))
                .detail("reason", reason)
                .detail("method", request.getMethod())
                .build());
    }

    /** What stays open while a required second factor is overdue: setting it up, signing out, signing in. */
    static boolean openBeforeSecondFactor(String path) {
        return path.equals("/logout") || path.equals("/account/two-factor") || path.startsWith("/account/two-factor/")
                || path.equals("/login") || path.startsWith("/login/");
    }

    private static Response toSecondFactorSetUp(ContainerRequestContext request) {
        String setUp = "/account/two-factor";
        if (Requests.sentByHtmx(request)) {
            return Response.status(Response.Status.FORBIDDEN).header("HX-Redirect", setUp).build();
        }
        String accept = request.getHeaderString(HttpHeaders.ACCEPT);
        if ("GET".equals(request.getMethod()) && (accept == null || accept.contains("text/html"))) {
            return Response.status(Response.Status.SEE_OTHER).header(HttpHeaders.LOCATION, setUp).build();
        }
        throw new DomainException(403, "Two-step sign-in required",
                "Your account needs two-step sign-in. Set it up at /account/two-factor, then try again.");
    }

    private static Response toSignIn(ContainerRequestContext request) {
        String signIn = OutsiderAnswers.signInFor(request);
        if (Requests.sentByHtmx(request)) {
            // htmx swaps no 401 (a poll or filter would just stop): it follows HX-Redirect to the sign-in page.
            return Response.status(Response.Status.UNAUTHORIZED).header("HX-Redirect", signIn).build();
        }
        String accept = request.getHeaderString(HttpHeaders.ACCEPT);
        boolean page = "GET".equals(request.getMethod()) && (accept == null || accept.contains("text/html"));
        if (!page) {
            throw new DomainException(401, "Please sign in", "Sign in to continue.");
        }
        return Response.status(Response.Status.SEE_OTHER).header(HttpHeaders.LOCATION, signIn).build();
    }

    private static boolean has(ResourceInfo resource, Class<? extends Annotation> type) {
        return annotation(resource, type) != null;
    }

    private static <A extends Annotation> A annotation(ResourceInfo resource, Class<A> type) {
        if (resource == null || resource.getResourceMethod() == null) {
            return null;
        }
        A onMethod = resource.getResourceMethod().getAnnotation(type);
        return onMethod != null ? onMethod : resource.getResourceClass().getAnnotation(type);
    }
}
