package pro.dailydoco.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import pro.dailydoco.account.Membership;
import pro.dailydoco.account.Role;
import pro.dailydoco.account.Tokens;
import pro.dailydoco.account.team.Invitation;
import pro.dailydoco.project.Project;
import pro.dailydoco.project.Video;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;
import pro.dailydoco.support.TestTenants;
import pro.dailydoco.tenant.ScopedWork;
import pro.dailydoco.tenant.Tenant;

/**
 * The IDOR sweep. Every endpoint under {@code /t/{slug}/} is found by scanning the compiled resources, so a new
 * endpoint is covered without editing this test; an endpoint with a path parameter this test has no fixture for
 * fails loudly until one is added. An owner of workspace A must get 404 for workspace B's pages, and for B's ids
 * under A's own address.
 */
@QuarkusTest
class CrossTenantSweepTest {

    private static final Pattern PARAM = Pattern.compile("\\{([a-zA-Z0-9_]+)(?:\\s*:[^}]*)?}");

    record Endpoint(String httpMethod, String path, String declaredIn, boolean signedBySender) {
    }

    @Inject
    ScopedWork scopedWork;

    @Test
    void aMemberOfOneWorkspaceGets404ForEveryPageAndIdOfAnother() throws Exception {
        Tenant a = TestTenants.withPlan("sweep-a", "ENTERPRISE");
        Tenant b = TestTenants.withPlan("sweep-b", "ENTERPRISE");
        Browser ownerOfA = Accounts.signedInMember(a, Role.OWNER);
        Map<String, String> idsOfB = fixturesIn(scopedWork, b);

        List<Endpoint> endpoints = workspaceEndpoints();
        assertTrue(endpoints.size() >= 8, "the sweep found the workspace endpoints: " + endpoints);
        List<String> leaks = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            // 1. B's address, anything else random.
            String underB = fill(endpoint, b.slug, Map.of());
            check(ownerOfA, endpoint, underB, leaks);
            // 2. A's own address, B's ids.
            if (PARAM.matcher(endpoint.path()).results().count() > 1) {
                String idsFromB = fill(endpoint, a.slug, idsOfB);
                check(ownerOfA, endpoint, idsFromB, leaks);
            }
        }
        assertEquals(List.of(), leaks, "endpoints that did not answer 404 across tenants");
    }

    private void check(Browser browser, Endpoint endpoint, String path, List<String> leaks) {
        Response response = switch (endpoint.httpMethod()) {
            case "GET" -> browser.get(path);
            case "POST" -> browser.post(path);
            default -> browser.request().header("X-CSRF-Token", browser.csrfToken()).request(endpoint.httpMethod(), path);
        };
        if (endpoint.signedBySender()) {
            // Another system calls it (e.g. the IdP's back-channel logout, whose spec makes a refused token a 400): the
            // answer need not be the one 404, but it must refuse and say nothing of the workspace.
            if (response.statusCode() < 400 || response.statusCode() >= 500 || response.asString().contains("sweep-b")) {
                leaks.add(endpoint.httpMethod() + " " + path + " (" + endpoint.declaredIn() + ") -> " + response.statusCode());
            }
            return;
        }
        if (response.statusCode() != 404) {
            leaks.add(endpoint.httpMethod() + " " + path + " (" + endpoint.declaredIn() + ") -> " + response.statusCode());
        }
    }

    /** Real ids that belong to workspace B, by path-parameter name (the fuzz test uses them too). */
    static Map<String, String> fixturesIn(ScopedWork scopedWork, Tenant b) {
        String memberEmail = Accounts.createMember(b, Role.MEMBER);
        UUID memberUser = Accounts.user(memberEmail).id;
        String invitationToken = Tokens.newToken();
        Map<String, String> ids = new LinkedHashMap<>();
        scopedWork.run(b.id, memberUser, () -> {
            ids.put("membershipId", Membership.find(b.id, memberUser).orElseThrow().id.toString());
            Invitation invitation = new Invitation();
            invitation.id = UUID.randomUUID();
            invitation.email = Accounts.uniqueEmail("sweep-invitee");
            invitation.role = Role.MEMBER;
            invitation.tokenHash = Tokens.sha256(invitationToken);
            invitation.createdAt = java.time.Instant.now();
            invitation.expiresAt = invitation.createdAt.plusSeconds(3600);
            invitation.persist();
            ids.put("invitationId", invitation.id.toString());
            Project project = new Project();
            project.id = UUID.randomUUID();
            project.name = "B's project";
            project.createdAt = java.time.Instant.now();
            project.updatedAt = project.createdAt;
            project.persist();
            ids.put("projectId", project.id.toString());
            Video video = new Video();
            video.id = UUID.randomUUID();
            video.projectId = project.id;
            video.title = "B's video";
            video.durationMinutes = 5;
            video.status = Video.Status.values()[0];
            video.createdAt = java.time.Instant.now();
            video.updatedAt = video.createdAt;
            video.persist();
            ids.put("videoId", video.id.toString());
            pro.dailydoco.sso.SsoDomainClaim claim = new pro.dailydoco.sso.SsoDomainClaim();
            claim.id = UUID.randomUUID();
            claim.domain = "sweep-" + claim.id + ".example";
            claim.verificationToken = Tokens.newToken();
            claim.createdAt = java.time.Instant.now();
            claim.persist();
            ids.put("claimId", claim.id.toString());
            pro.dailydoco.integration.WebhookEndpoint hook = new pro.dailydoco.integration.WebhookEndpoint();
            hook.id = UUID.randomUUID();
            hook.ownerUserId = memberUser;
            hook.url = "https://hooks.example.com/sweep";
            hook.description = "B's endpoint";
            hook.eventTypes = "project.created";
            hook.secretSealed = "never-opened";
            hook.enabled = true;
            hook.createdAt = java.time.Instant.now();
            hook.updatedAt = hook.createdAt;
            hook.persist();
            hook.flush();
            ids.put("endpointId", hook.id.toString());
            UUID delivery = UUID.randomUUID();
            io.quarkus.hibernate.orm.panache.Panache.getEntityManager().createNativeQuery("""
                    insert into webhook_delivery (id, tenant_id, endpoint_id, event_id, event_type, payload, status, created_at)
                    values (?1, ?2, ?3, ?4, 'project.created', '{}', 'DELIVERED', now())""")
                    .setParameter(1, delivery).setParameter(2, b.id).setParameter(3, hook.id).setParameter(4, UUID.randomUUID())
                    .executeUpdate();
            ids.put("deliveryId", delivery.toString());
            pro.dailydoco.api.ApiKey key = new pro.dailydoco.api.ApiKey();
            key.id = UUID.randomUUID();
            key.name = "B's key";
            key.prefix = Tokens.newToken().replaceAll("[^a-f0-9]", "0").substring(0, 12);
            key.secretHash = Tokens.sha256(Tokens.newToken());
            key.scopes = new String[] {"READ"};
            key.createdAt = java.time.Instant.now();
            key.persist();
            ids.put("keyId", key.id.toString());
        });
        ids.put("token", invitationToken);
        ids.put("name", "video.mp4");
        ids.put("folder", "hls");
        ids.put("rendition", "720");
        // An add-on's catalogue key belongs to no workspace: under B's address (step 1) any key must be the one 404;
        // under A's own address there is no id of B to try, so an unknown key stands for "not this workspace's".
        ids.put("key", "no-such-add-on");
        return ids;
    }

    private static String fill(Endpoint endpoint, String slug, Map<String, String> ids) {
        Matcher matcher = PARAM.matcher(endpoint.path());
        StringBuilder path = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String value;
            if (name.equals("slug")) {
                value = slug;
            } else if (ids.isEmpty()) {
                value = UUID.randomUUID().toString();
            } else {
                value = ids.get(name);
                if (value == null) {
                    throw new AssertionError("No cross-tenant fixture for path parameter {" + name + "} of "
                            + endpoint.httpMethod() + " " + endpoint.path() + " in " + endpoint.declaredIn()
                            + ": add one to CrossTenantSweepTest.fixturesIn");
                }
            }
            matcher.appendReplacement(path, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(path);
        return path.toString();
    }

    static List<Endpoint> workspaceEndpoints() throws IOException, ClassNotFoundException {
        return ResourceRoutes.workspaceEndpoints().stream()
                .map(e -> new Endpoint(e.httpMethod(), e.path(), e.declaredIn(), e.signedBySender())).toList();
    }
}
