package pro.dailydoco.api.v1;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import pro.dailydoco.account.team.TeamService;
import pro.dailydoco.api.ApiProblem;
import pro.dailydoco.project.Project;
import pro.dailydoco.project.Video;
import pro.dailydoco.referral.dashboard.ReferralDashboard;
import pro.dailydoco.referral.dashboard.ReferralStatements;

/** The JSON the API reads and writes: request bodies read field by field, answers as records. */
final class ApiBodies {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ApiBodies() {
    }

    /** A page of a list and the cursor of the next one (null on the last page). */
    record Page<T>(List<T> data, String nextCursor) {
    }

    record ProjectBody(UUID id, String name, String repositoryUrl, String description, Instant createdAt, Instant updatedAt) {
        static ProjectBody of(Project p) {
            return new ProjectBody(p.id, p.name, p.repositoryUrl, p.description, p.createdAt, p.updatedAt);
        }
    }

    record VideoBody(UUID id, UUID projectId, String title, int durationMinutes, String status, Instant createdAt,
            Instant updatedAt) {
        static VideoBody of(Video v) {
            return new VideoBody(v.id, v.projectId, v.title, v.durationMinutes, v.status.name().toLowerCase(), v.createdAt,
                    v.updatedAt);
        }
    }

    record MemberBody(UUID userId, String displayName, String email, String role, Instant joinedAt) {
        static MemberBody of(TeamService.MemberRow m) {
            return new MemberBody(m.userId(), m.displayName(), m.email(), m.role().name().toLowerCase(), m.joinedAt());
        }
    }

    /**
     * A person's referral summary, all time. Amounts in minor units of {@code currency} (the programme pays in US
     * dollars): pending is not yet approved (pending, frozen, held), approved is approved and not yet paid out.
     */
    record ReferralSummaryBody(long clicks, long shares, long directSignUps, long networkSignUps, long payingDirect,
            long payingNetwork, long earned, long clawedBack, long pending, long approved, long paid, String currency) {
        static ReferralSummaryBody of(ReferralDashboard.Summary s) {
            return new ReferralSummaryBody(s.clicks(), s.shares(), s.directSignUps(), s.networkSignUps(), s.payingDirect(),
                    s.payingNetwork(), s.earnedMinor(), s.clawedBackMinor(), s.pendingMinor(), s.approvedMinor(),
                    s.paidMinor(), "usd");
        }
    }

    /** One commission row: {@code commission} is the line's id, the one webhook events carry. */
    record CommissionBody(UUID commission, Instant recordedAt, String invoice, String customer, int level, String kind,
            long amount, String currency, int rateBasisPoints, int planVersion, String status) {
        static CommissionBody of(ReferralStatements.Commission c) {
            return new CommissionBody(c.commissionId(), c.recordedAt(), c.maskedInvoice(), c.maskedCustomer(), c.level(),
                    c.kind().toLowerCase(Locale.ROOT), c.amountMinor(), c.currency().toLowerCase(Locale.ROOT),
                    c.rateBasisPoints(), c.planVersion(), c.status().toLowerCase(Locale.ROOT));
        }
    }

    record PayoutBody(String id, String batch, long amount, String currency, Instant paidAt) {
        static PayoutBody of(ReferralStatements.PayoutRow p) {
            return new PayoutBody(p.payoutId(), p.batchId(), p.amountMinor(), p.currency().toLowerCase(Locale.ROOT),
                    p.paidAt());
        }
    }

    /** A JSON object, or 400 for anything else. */
    static JsonNode object(String body) {
        JsonNode node;
        try {
            node = body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (Exception e) {
            node = null;
        }
        if (node == null || !node.isObject()) {
            throw new ApiProblem(400, "invalid-json", "Invalid JSON",
                    "Send a JSON object as the request body (Content-Type: application/json). Nothing was changed.");
        }
        return node;
    }

    /** A field's text: absent gives {@code otherwise}, null gives null, a number is read as its text. */
    static String text(JsonNode object, String field, String otherwise) {
        if (!object.has(field)) {
            return otherwise;
        }
        JsonNode value = object.get(field);
        if (value.isNull()) {
            return null;
        }
        if (value.isTextual() || value.isNumber()) {
            return value.asText();
        }
        throw new ApiProblem(400, "invalid-field", "Invalid field", "'" + field + "' must be text. Nothing was changed.");
    }
}
