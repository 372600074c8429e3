package pro.dailydoco.api.v1;

import org.jboss.resteasy.reactive.RestQuery;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import pro.dailydoco.account.team.TeamService;
import pro.dailydoco.account.web.Access;
import pro.dailydoco.api.ApiCaller;
import pro.dailydoco.api.ApiProblem;
import pro.dailydoco.api.ApiScope;
import pro.dailydoco.api.RequiresScope;

/** The workspace's members, read only (the team page changes them). Pages of the team page's size, by name. */
@Path("/api/v1/members")
@Produces(MediaType.APPLICATION_JSON)
@Access.SignedBySender
public class MembersEndpoint {

    private final TeamService team;
    private final ApiCaller caller;

    MembersEndpoint(TeamService team, ApiCaller caller) {
        this.team = team;
        this.caller = caller;
    }

    @GET
    @RequiresScope(ApiScope.READ)
    public ApiBodies.Page<ApiBodies.MemberBody> list(@RestQuery String cursor) {
        int page = page(cursor);
        TeamService.MemberPage members = team.members(caller.tenantId(), null, page);
        String next = members.hasNext() ? "p" + (members.page() + 1) : null;
        return new ApiBodies.Page<>(members.rows().stream().map(ApiBodies.MemberBody::of).toList(), next);
    }

    private static int page(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return 1;
        }
        if (cursor.matches("p[1-9][0-9]{0,5}")) {
            return Integer.parseInt(cursor.substring(1));
        }
        throw new ApiProblem(400, "invalid-cursor", "Invalid cursor",
                "The cursor is not one this API gave out. Pass back 'nextCursor' of the previous page as it is.");
    }
}
