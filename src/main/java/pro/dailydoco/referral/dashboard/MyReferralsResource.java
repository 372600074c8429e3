package pro.dailydoco.referral.dashboard;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
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
import pro.dailydoco.core.web.Requests;
import pro.dailydoco.referral.CommissionPlan;
import pro.dailydoco.referral.Level;
import pro.dailydoco.referral.ReferralConfig;
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
        static native TemplateInstance referrals(Tenant tenant, MyReferralsView.First first,
                MyReferralsView.Network network, MyReferralsView.History history, MyReferralsView.Metrics metrics);

        static native TemplateInstance referrals$network(Tenant tenant, MyReferralsView.Network network);

        static native TemplateInstance referrals$members(Tenant tenant, MyReferralsView.Network network);

        static native TemplateInstance referrals$history(Tenant tenant, MyReferralsView.History history);

        static native TemplateInstance referrals$metrics(Tenant tenant, MyReferralsView.Metrics metrics);
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
    private final long payoutThresholdMinor;

    MyReferralsResource(ReferralDashboard dashboard, ReferralRollups rollups, ReferralCodes codes,
            CurrentUser currentUser, TenantContext tenantContext, Flash flash, Clock clock,
            DirectReferrals directReferrals, ReferralConfig config) {
        this.directReferrals = directReferrals;
        this.dashboard = dashboard;
        this.rollups = rollups;
        this.codes = codes;
        this.currentUser = currentUser;
        this.tenantContext = tenantContext;
        this.flash = flash;
        this.clock = clock;
        this.payoutThresholdMinor = config.payouts().thresholdCents();
    }

    /**
     * The page. Its first view is the link and the person's summary row alone; the network, history and metrics are
     * sections read only when opened: htmx asks for one by its target id, and without htmx {@code ?section=} (or a
     * section's own parameters: {@code members}, {@code level}, {@code status}, {@code page}) renders the page with
     * that section open (docs/decisions/0177-dashboard-sections-on-demand.md).
     */
    @GET
    @Transactional // one transaction (and one row-level security setting) for the page's reads, not one each
    public TemplateInstance show(@RestPath String slug, @RestQuery String section, @RestQuery String level,
            @RestQuery String status, @RestQuery Integer page, @RestQuery Integer members,
            @RestQuery Integer membersPage, @Context HttpHeaders headers) {
        Tenant tenant = tenantContext.tenant().orElseThrow();
        MyReferralsView.Section open = MyReferralsView.Section.of(section);
        if (open == null && members != null) {
            open = MyReferralsView.Section.NETWORK;
        } else if (open == null && (page != null || level != null || status != null)) {
            open = MyReferralsView.Section.HISTORY;
        }
        if (Requests.isFragment(headers, "level-members")) {
            return Templates.referrals$members(tenant, new MyReferralsView.Network(List.of(), List.of(), people(members, membersPage)));
        }
        if (Requests.isFragment(headers, "section-network")) {
            return Templates.referrals$network(tenant, network(members, membersPage));
        }
        if (Requests.isFragment(headers, "section-history")) {
            return Templates.referrals$history(tenant, history(level, status, page));
        }
        if (Requests.isFragment(headers, "section-metrics")) {
            return Templates.referrals$metrics(tenant, metrics());
        }
        UUID me = currentUser.id();
        MyReferralsView.First first = new MyReferralsView.First(codes.linkOf(me), dashboard.summary(me),
                payoutThresholdMinor, open);
        return Templates.referrals(tenant, first,
                open == MyReferralsView.Section.NETWORK ? network(members, membersPage) : null,
                open == MyReferralsView.Section.HISTORY ? history(level, status, page) : null,
                open == MyReferralsView.Section.METRICS ? metrics() : null);
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

    private DirectReferrals.LevelPage people(Integer members, Integer membersPage) {
        return members != null && Level.isLevel(members) ? directReferrals.atLevel(currentUser.id(), members, membersPage)
                : null;
    }

    private MyReferralsView.Network network(Integer members, Integer membersPage) {
        UUID me = currentUser.id();
        return new MyReferralsView.Network(dashboard.levels(me), directReferrals.recent(me), people(members, membersPage));
    }

    private MyReferralsView.History history(String level, String status, Integer page) {
        Integer levelFilter = levelFilter(level);
        String statusFilter = statusFilter(status);
        return new MyReferralsView.History(dashboard.history(currentUser.id(), levelFilter, statusFilter, page),
                levelFilter, statusFilter);
    }

    private MyReferralsView.Metrics metrics() {
        UUID me = currentUser.id();
        return new MyReferralsView.Metrics(ReferralRollups.monthOf(clock.instant()), dashboard.levelsByMonth(me),
                dashboard.linkByMonth(me));
    }
}
