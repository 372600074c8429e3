package pro.dailydoco.referral.dashboard;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import pro.dailydoco.account.CurrentUser;
import pro.dailydoco.core.web.Flash;
import pro.dailydoco.core.web.Paged;
import pro.dailydoco.core.web.Requests;
import pro.dailydoco.referral.CommissionPlan;
import pro.dailydoco.referral.Level;
import pro.dailydoco.referral.attribution.ReferralCodes;
import pro.dailydoco.referral.ledger.CommissionStatus;
import pro.dailydoco.referral.tree.DirectReferrals;
import pro.dailydoco.referral.tree.ReferralRollups;
import pro.dailydoco.tenant.Tenant;
import pro.dailydoco.tenant.TenantContext;

/**
 * "My referrals" inside a workspace (every member): the signed-in user's own link, activity, downline, balances,
 * history and network metrics. Everything shown is the user's own, whichever workspace they look from.
 */
@Path("/t/{slug}/referrals")
@Produces(MediaType.TEXT_HTML)
public class MyReferralsResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance referrals(Tenant tenant, MyReferralsView view, List<DirectReferrals.Member> direct,
                DirectReferrals.LevelPage people);

        static native TemplateInstance referrals$members(Tenant tenant, DirectReferrals.LevelPage people);

        static native TemplateInstance referrals$counters(Tenant tenant, MyReferralsView view);

        static native TemplateInstance referrals$history(Tenant tenant, MyReferralsView view);
    }

    /** Share channels: each is a fixed URL built here, so the redirect can never go anywhere else. */
    static final Set<String> CHANNELS = Set.of("copy", "email", "x", "linkedin");

    private final ReferralDashboard dashboard;
    private final ReferralRollups rollups;
    private final ReferralCodes codes;
    private final CurrentUser currentUser;
    private final TenantContext tenantContext;
    private final Flash flash;
    private final Clock clock;
    private final DirectReferrals directReferrals;

    MyReferralsResource(ReferralDashboard dashboard, ReferralRollups rollups, ReferralCodes codes,
            CurrentUser currentUser, TenantContext tenantContext, Flash flash, Clock clock,
            DirectReferrals directReferrals) {
        this.directReferrals = directReferrals;
        this.dashboard = dashboard;
        this.rollups = rollups;
        this.codes = codes;
        this.currentUser = currentUser;
        this.tenantContext = tenantContext;
        this.flash = flash;
        this.clock = clock;
    }

    /**
     * The page; {@code members} opens one level of the downline (masked people, {@code membersPage} paginates it).
     * htmx asks for one fragment by its target id; without htmx every link and filter renders the whole page.
     */
    @GET
    @Transactional // one transaction (and one row-level security setting) for the page's dozen reads, not one each
    public TemplateInstance show(@RestPath String slug, @RestQuery String period, @RestQuery String level,
            @RestQuery String status, @RestQuery Integer page, @RestQuery Integer members,
            @RestQuery Integer membersPage, @Context HttpHeaders headers) {
        Tenant tenant = tenantContext.tenant().orElseThrow();
        DirectReferrals.LevelPage people = members != null && Level.isLevel(members)
                ? directReferrals.atLevel(currentUser.id(), members, membersPage) : null;
        if (Requests.isFragment(headers, "level-members")) {
            return Templates.referrals$members(tenant, people);
        }
        MyReferralsView view = view(period, level, status, page);
        if (Requests.isFragment(headers, "referral-counters")) {
            return Templates.referrals$counters(tenant, view);
        }
        if (Requests.isFragment(headers, "referral-history")) {
            return Templates.referrals$history(tenant, view);
        }
        return Templates.referrals(tenant, view, directReferrals.recent(currentUser.id()), people);
    }

    /** Records a copy or share click (the only thing that counts as a share), then goes where the channel goes. */
    @POST
    @Path("share")
    public Response share(@RestPath String slug, @RestForm String channel, @Context HttpHeaders headers) {
        String chosen = channel != null && CHANNELS.contains(channel) ? channel : "copy";
        rollups.recordShare(currentUser.id(), clock.instant());
        if (Requests.isHtmx(headers)) {
            return Response.ok("Link copied. Thank you for sharing.", MediaType.TEXT_PLAIN).build();
        }
        String link = codes.linkOf(currentUser.id());
        String encoded = URLEncoder.encode(link, StandardCharsets.UTF_8);
        return switch (chosen) {
            case "email" -> Response.seeOther(URI.create("mailto:?subject=" + URLEncoder.encode(
                    "Try DailyDoco Pro", StandardCharsets.UTF_8).replace("+", "%20") + "&body=" + encoded)).build();
            case "x" -> Response.seeOther(URI.create("https://twitter.com/intent/tweet?url=" + encoded)).build();
            case "linkedin" -> Response.seeOther(
                    URI.create("https://www.linkedin.com/sharing/share-offsite/?url=" + encoded)).build();
            default -> {
                flash.set("Your link is " + link);
                yield Response.seeOther(URI.create("/t/" + tenantContext.tenant().orElseThrow().slug + "/referrals"))
                        .build();
            }
        };
    }

    /**
     * The history's level filter: the form's "All levels" submits {@code level=} (empty), so the parameter is text;
     * empty means every level, 1–7 one level, anything else is a clear 400.
     */
    static Integer levelFilter(String level) {
        if (level == null || level.isBlank()) {
            return null;
        }
        try {
            int chosen = Integer.parseInt(level.strip());
            if (Level.isLevel(chosen)) {
                return chosen;
            }
        } catch (NumberFormatException e) {
            // falls through to the same answer as an out-of-range number
        }
        throw pro.dailydoco.core.DomainException.badRequest("Choose a level from 1 to " + CommissionPlan.LEVELS
                + ", or all levels.");
    }

    /** Stored line statuses, in the order a person meets them (PAID is shown, never stored). */
    static final List<String> FILTERABLE_STATUSES = List.of(CommissionStatus.PENDING.name(), CommissionStatus.FROZEN.name(),
            CommissionStatus.HELD.name(), CommissionStatus.APPROVED.name());

    /** The history's status filter: empty means every status; anything but a stored status is a clear 400. */
    static String statusFilter(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        if (FILTERABLE_STATUSES.contains(status.strip())) {
            return status.strip();
        }
        throw pro.dailydoco.core.DomainException.badRequest(
                "Choose a status: pending, frozen, held or approved, or all statuses.");
    }

    private MyReferralsView view(String period, String level, String status, Integer page) {
        UUID me = currentUser.id();
        MyReferralsView.Period chosen = MyReferralsView.Period.of(period);
        LocalDate thisMonth = ReferralRollups.monthOf(clock.instant());
        Integer levelFilter = levelFilter(level);
        String statusFilter = statusFilter(status);
        List<ReferralDashboard.MonthLevel> levels = dashboard.levelsByMonth(me);
        List<ReferralDashboard.MonthLink> links = dashboard.linkByMonth(me);
        Paged<ReferralDashboard.HistoryRow> history = dashboard.history(me, levelFilter, statusFilter, page);
        return new MyReferralsView(codes.linkOf(me), chosen, thisMonth, levels, links, dashboard.balances(me), history,
                levelFilter, statusFilter);
    }
}
