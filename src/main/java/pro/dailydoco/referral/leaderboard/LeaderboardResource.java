package pro.dailydoco.referral.leaderboard;

import java.net.URI;
import java.util.List;

import org.jboss.resteasy.reactive.RestForm;
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
import pro.dailydoco.account.web.Access;
import pro.dailydoco.core.web.Flash;
import pro.dailydoco.core.web.Requests;
import pro.dailydoco.referral.CommissionTiers;

/** The leaderboard (signed-in people): four rankings as tabs, your standing, and the opt-in for your name. */
@Path("/leaderboard")
@Produces(MediaType.TEXT_HTML)
@Access.SignedIn
public class LeaderboardResource {

    /** A ranking tab: its key in the URL and its label. */
    public record Tab(String key, String label, Leaderboard.Ranking ranking) {
    }

    static final List<Tab> TABS = List.of(new Tab("month-paying", "This month: paying referrals in the network", Leaderboard.Ranking.MONTH_PAYING),
            new Tab("month-earned", "This month: earnings", Leaderboard.Ranking.MONTH_EARNED),
            new Tab("all-paying", "All time: paying referrals in the network", Leaderboard.Ranking.ALL_PAYING),
            new Tab("all-earned", "All time: earnings", Leaderboard.Ranking.ALL_EARNED));

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance leaderboard(List<Tab> tabs, Tab tab, List<Leaderboard.Entry> entries,
                CommissionTiers.Standing standing, Leaderboard.NetworkCounts network, CommissionTiers tiers,
                String displayName);

        static native TemplateInstance leaderboard$ranking(List<Tab> tabs, Tab tab, List<Leaderboard.Entry> entries);
    }

    private final Leaderboard leaderboard;
    private final CurrentUser currentUser;
    private final Flash flash;

    LeaderboardResource(Leaderboard leaderboard, CurrentUser currentUser, Flash flash) {
        this.leaderboard = leaderboard;
        this.currentUser = currentUser;
        this.flash = flash;
    }

    @GET
    public TemplateInstance show(@RestQuery String tab, @Context HttpHeaders headers) {
        Tab chosen = TABS.stream().filter(t -> t.key().equals(tab)).findFirst().orElse(TABS.get(0));
        List<Leaderboard.Entry> entries = leaderboard.top(chosen.ranking(), currentUser.id());
        if (Requests.isFragment(headers, "leaderboard-ranking")) {
            return Templates.leaderboard$ranking(TABS, chosen, entries);
        }
        return Templates.leaderboard(TABS, chosen, entries, leaderboard.standingOf(currentUser.id()),
                leaderboard.networkCountsOf(currentUser.id()), leaderboard.tiers(), leaderboard.displayNameOf(currentUser.id()).orElse(""));
    }

    /** Opt in with a display name, or out with an empty one. */
    @POST
    @Path("name")
    public Response chooseName(@RestForm String displayName) {
        leaderboard.choose(currentUser.id(), displayName);
        flash.set(displayName == null || displayName.isBlank() ? "You appear anonymously on the leaderboard."
                : "Your display name shows on the leaderboard.");
        return Response.seeOther(URI.create("/leaderboard")).build();
    }
}
