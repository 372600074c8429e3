package pro.dailydoco.api.v1;

import java.util.List;

import org.jboss.resteasy.reactive.RestQuery;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import pro.dailydoco.account.web.Access;
import pro.dailydoco.api.ApiReferralOwner;
import pro.dailydoco.api.ApiScope;
import pro.dailydoco.api.RequiresScope;
import pro.dailydoco.referral.dashboard.ReferralStatements;

/**
 * The referral figures of the person who created the key (not the workspace's: referrals are personal), through the
 * referral feature's own reader: the summary "My referrals" shows, commission history and payouts, newest first, in
 * cursor pages. Amounts are integer minor units beside their currency
 * (docs/decisions/0208-api-referrals-are-the-key-creators.md).
 */
@Path("/api/v1/referrals")
@Produces(MediaType.APPLICATION_JSON)
@Access.SignedBySender
@RequiresScope(ApiScope.REFERRALS)
public class ReferralsEndpoint {

    private final ReferralStatements statements;
    private final ApiReferralOwner owner;

    ReferralsEndpoint(ReferralStatements statements, ApiReferralOwner owner) {
        this.statements = statements;
        this.owner = owner;
    }

    @GET
    @Path("summary")
    public ApiBodies.ReferralSummaryBody summary() {
        return ApiBodies.ReferralSummaryBody.of(statements.summary(owner.userId()));
    }

    @GET
    @Path("commissions")
    public ApiBodies.Page<ApiBodies.CommissionBody> commissions(@RestQuery String cursor, @RestQuery String limit) {
        Cursor after = Cursor.decode(cursor);
        int size = Cursor.limit(limit);
        List<ReferralStatements.Commission> rows = statements.commissions(owner.userId(),
                after == null ? null : after.createdAt(), after == null ? null : after.position(), size + 1);
        List<ReferralStatements.Commission> page = rows.subList(0, Math.min(size, rows.size()));
        String next = rows.size() > size
                ? Cursor.after(page.get(size - 1).recordedAt(), page.get(size - 1).position()).encode() : null;
        return new ApiBodies.Page<>(page.stream().map(ApiBodies.CommissionBody::of).toList(), next);
    }

    @GET
    @Path("payouts")
    public ApiBodies.Page<ApiBodies.PayoutBody> payouts(@RestQuery String cursor, @RestQuery String limit) {
        Cursor after = Cursor.decode(cursor);
        int size = Cursor.limit(limit);
        List<ReferralStatements.PayoutRow> rows = statements.payouts(owner.userId(),
                after == null ? null : after.createdAt(), after == null ? null : after.key(), size + 1);
        List<ReferralStatements.PayoutRow> page = rows.subList(0, Math.min(size, rows.size()));
        String next = rows.size() > size
                ? Cursor.after(page.get(size - 1).paidAt(), page.get(size - 1).payoutId()).encode() : null;
        return new ApiBodies.Page<>(page.stream().map(ApiBodies.PayoutBody::of).toList(), next);
    }
}
