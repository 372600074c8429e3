package pro.dailydoco.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.response.Response;
import jakarta.ws.rs.GET;
import io.quarkus.arc.Arc;
import pro.dailydoco.account.Membership;
import pro.dailydoco.account.Role;
import pro.dailydoco.demo.DemoReferralNetwork;
import pro.dailydoco.mail.MailSender;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;
import pro.dailydoco.support.TestTenants;
import pro.dailydoco.tenant.ScopedWork;
import pro.dailydoco.tenant.Tenant;

/**
 * Every page of the site, per kind of visitor, with real ids from one seeded workspace: what the browser test checks in
 * four modes and what the navigation test walks. {@link #routesWithoutAnEntry()} compares the list with the resources'
 * {@code @GET} routes, so a new page that nobody adds here fails a test instead of going unchecked.
 */
public final class SitePages {

    /** Who visits: one signed-in browser per kind, so the browser test signs in five times, not once per page. */
    public enum Who { SIGNED_OUT, MEMBER, ADMIN, BILLING, OPERATOR }

    /** A page: who visits it, its route as the resource declares it, and a concrete path with real ids. */
    public record Page(Who who, String route, String path) {
    }

    /** The seeded world: the workspace, an email per signed-in kind (password {@link Accounts#PASSWORD}), the pages. */
    public record World(String slug, Map<Who, String> emails, List<Page> pages) {
        public List<Page> of(Who who) {
            return pages.stream().filter(p -> p.who() == who).toList();
        }
    }

    /**
     * GET routes that are not pages a person reads, with the reason. Kept short on purpose: each line says why a
     * browser check of it would be meaningless or is done elsewhere.
     */
    public static final Map<String, String> NOT_PAGES = Map.ofEntries(
            Map.entry("/r/{code}", "the referral link: records the click and redirects"),
            Map.entry("/operator/analytics/export.csv", "CSV download"),
            Map.entry("/operator/reconciliation/export.csv", "CSV download"),
            Map.entry("/operator/payouts/{batchId}/payouts.csv", "CSV download"),
            Map.entry("/account/data-export/{id}/download", "ZIP download"),
            Map.entry("/login/second-step", "needs a pending second step; TwoStepSignInBrowserTest drives it"),
            Map.entry("/t/{slug}/sso", "redirects to the workspace's identity provider; SsoBrowserTest drives it"),
            Map.entry("/t/{slug}/sso/start", "IdP-initiated sign-in hand-off; IdpInitiatedSignInBrowserTest drives it"),
            Map.entry("/t/{slug}/sso/login", "OIDC redirect endpoint"),
            Map.entry("/t/{slug}/sso/callback", "OIDC redirect endpoint"),
            Map.entry("/t/{slug}/sso/error", "the identity provider's refusal, reached only from the IdP; SsoBrowserTest"),
            Map.entry("/dev/stripe", "dev build only (@IfBuildProfile(\"dev\")): not in the test build"),
            Map.entry("/dev/mail", "dev build only (@IfBuildProfile(\"dev\")): not in the test build"),
            Map.entry("/t/{slug}/videos/{videoId}/upload", "JSON for the upload script: where the server's copy ends"),
            Map.entry("/t/{slug}/projects/{projectId}/videos/{videoId}", "the project's address of a video: redirects to its page"),
            Map.entry("/t/{slug}/videos/{videoId}/progress", "htmx fragment the video page polls while it processes"),
            Map.entry("/t/{slug}/videos/{videoId}/media/{name}", "media file (video, poster, playlist)"),
            Map.entry("/t/{slug}/videos/{videoId}/media/{folder}/{name}", "media file (thumbnail, HLS playlist)"),
            Map.entry("/t/{slug}/videos/{videoId}/media/{folder}/{rendition}/{name}", "media file (HLS segment)"),
            Map.entry("/v/{token}", "a shared video needs a processed upload; VideoProcessingTest and VideoBrowserTest drive it"),
            Map.entry("/v/{token}/media/{name}", "media file of a shared video"),
            Map.entry("/v/{token}/media/{folder}/{name}", "media file of a shared video"),
            Map.entry("/v/{token}/media/{folder}/{rendition}/{name}", "media file of a shared video"));

    /** Route prefixes of machine-to-machine APIs (JSON for other systems, not pages). */
    public static final List<String> API_PREFIXES = List.of("/scim/v2/", "/api/", "/webhooks/", "/q/");

    private SitePages() {
    }

    /**
     * Seeds one workspace (owner with a referral network below them, a project, a video, a pending invitation, a
     * member, an admin and a billing person) and the operator, then lists every page with real ids.
     */
    public static World seed(DemoReferralNetwork network, MailSender mailSender, MockMailbox mailbox) {
        Browser owner = new Browser();
        String ownerEmail = Accounts.uniqueEmail("pages-owner");
        String slug = Accounts.signUp(owner, ownerEmail, "Trusted Pages");
        network.seedBelow(Accounts.user(ownerEmail).id, "pages-" + UUID.randomUUID().toString().substring(0, 8) + ".example.com");
        String t = "/t/" + slug;
        // Enterprise (as a tenant file's override would set it): seats for everyone, and the SSO and SCIM pages.
        QuarkusTransaction.requiringNew().run(() -> Tenant.update("planOverride = ?1 where slug = ?2", "ENTERPRISE", slug));

        owner.get(t + "/projects/new");
        Response project = owner.post(t + "/projects", "name", "Handbook", "repositoryUrl", "", "description", "The guide");
        assertEquals(303, project.statusCode(), project.asString());
        String projectPath = URI.create(project.getHeader("Location")).getPath();
        owner.get(projectPath + "/videos/new");
        assertEquals(303, owner.post(projectPath + "/videos", "title", "Tour", "durationMinutes", "12", "status", "DRAFT")
                .statusCode());
        Matcher video = Pattern.compile(Pattern.quote(projectPath) + "/videos/([0-9a-f-]{36})/edit")
                .matcher(owner.get(projectPath).asString());
        assertTrue(video.find(), "the project page links the video's edit page");
        String videoEdit = video.group();

        owner.get(t + "/members");
        String invitee = Accounts.uniqueEmail("pages-invitee");
        assertEquals(303, owner.post(t + "/members/invitations", "email", invitee, "role", "MEMBER").statusCode());
        String invitation = linkFromLastMail(mailSender, mailbox, invitee, "/invitations/");

        Tenant tenant = QuarkusTransaction.requiringNew().call(() -> Tenant.findBySlug(slug).orElseThrow());
        Map<Who, String> emails = new EnumMap<>(Who.class);
        emails.put(Who.MEMBER, Accounts.createMember(tenant, Role.MEMBER));
        // A second workspace, so /workspaces lists them instead of going straight to the only one.
        joinAnotherWorkspace(emails.get(Who.MEMBER));
        emails.put(Who.ADMIN, Accounts.createMember(tenant, Role.ADMIN));
        emails.put(Who.BILLING, Accounts.createMember(tenant, Role.BILLING));
        Accounts.signedInOperator();
        emails.put(Who.OPERATOR, "operator@platform.test");

        Browser forgetful = new Browser();
        forgetful.get("/forgot-password");
        forgetful.post("/forgot-password", "email", emails.get(Who.MEMBER));
        String reset = linkFromLastMail(mailSender, mailbox, emails.get(Who.MEMBER), "/reset-password?token=");

        List<Page> pages = new ArrayList<>();
        for (String path : List.of("/", "/privacy", "/referral-program", "/signup", "/login", "/login/password",
                "/forgot-password", "/verify-email?token=sample", "/email-change/confirm?token=sample")) {
            pages.add(new Page(Who.SIGNED_OUT, path.replaceAll("\\?.*$", ""), path));
        }
        pages.add(new Page(Who.SIGNED_OUT, "/reset-password", reset));
        pages.add(new Page(Who.SIGNED_OUT, "/t/{slug}/invitations/{token}", invitation));

        String projectRoute = "/t/{slug}/projects/{projectId}";
        for (String[] page : new String[][] {
                { "/t/{slug}/", t + "/" },
                { "/t/{slug}/projects", t + "/projects" },
                { "/t/{slug}/projects/new", t + "/projects/new" },
                { projectRoute, projectPath },
                { projectRoute + "/edit", projectPath + "/edit" },
                { projectRoute + "/videos/new", projectPath + "/videos/new" },
                { projectRoute + "/videos/{videoId}/edit", videoEdit },
                { projectRoute + "/videos/upload", projectPath + "/videos/upload" },
                { "/t/{slug}/videos/{videoId}", t + "/videos/" + video.group(1) },
                { "/t/{slug}/referrals", t + "/referrals" },
                { "/workspaces", "/workspaces" },
                { "/account", "/account" },
                { "/account/two-factor", "/account/two-factor" },
                { "/account/data-export", "/account/data-export" },
                { "/account/referral", "/account/referral" },
                { "/leaderboard", "/leaderboard" } }) {
            pages.add(new Page(Who.MEMBER, page[0], page[1]));
        }
        for (String route : List.of("members", "admin", "audit", "settings/referrals", "settings/sso", "settings/scim",
                "settings/api-keys", "settings/webhooks", "billing", "billing/invoices")) {
            pages.add(new Page(Who.ADMIN, "/t/{slug}/" + route, t + "/" + route));
        }
        // An API key and a webhook endpoint with one delivery, for their confirm and detail pages.
        owner.get(t + "/settings/api-keys");
        Matcher key = Pattern.compile(Pattern.quote(t) + "/settings/api-keys/([0-9a-f-]{36})/revoke")
                .matcher(owner.post(t + "/settings/api-keys", "name", "Pages key", "scope", "READ").asString());
        assertTrue(key.find(), "the keys page links the new key's revoke step");
        pages.add(new Page(Who.ADMIN, "/t/{slug}/settings/api-keys/{keyId}/revoke", key.group()));
        owner.get(t + "/settings/webhooks");
        owner.post(t + "/settings/webhooks", "url", "http://127.0.0.1:9/pages-hook", "description", "Pages hook",
                "events", "project.created");
        Matcher endpoint = Pattern.compile(Pattern.quote(t) + "/settings/webhooks/([0-9a-f-]{36})")
                .matcher(owner.get(t + "/settings/webhooks").asString());
        assertTrue(endpoint.find(), "the webhooks page links the new endpoint");
        String endpointPath = endpoint.group();
        owner.post(endpointPath + "/test");
        Matcher delivery = Pattern.compile(Pattern.quote(endpointPath) + "/deliveries/([0-9a-f-]{36})")
                .matcher(owner.get(endpointPath).asString());
        assertTrue(delivery.find(), "the endpoint's log links the test delivery");
        pages.add(new Page(Who.ADMIN, "/t/{slug}/settings/webhooks/{endpointId}", endpointPath));
        pages.add(new Page(Who.ADMIN, "/t/{slug}/settings/webhooks/{endpointId}/delete", endpointPath + "/delete"));
        pages.add(new Page(Who.ADMIN, "/t/{slug}/settings/webhooks/{endpointId}/deliveries/{deliveryId}", delivery.group()));
        pages.add(new Page(Who.BILLING, "/t/{slug}/", t + "/"));
        pages.add(new Page(Who.BILLING, "/t/{slug}/billing", t + "/billing"));
        pages.add(new Page(Who.BILLING, "/t/{slug}/billing/invoices", t + "/billing/invoices"));
        pages.add(new Page(Who.BILLING, "/t/{slug}/billing/add-ons", t + "/billing/add-ons"));
        pages.add(new Page(Who.ADMIN, "/t/{slug}/billing/add-ons", t + "/billing/add-ons"));
        pages.add(new Page(Who.OPERATOR, "/operator/analytics/streams", "/operator/analytics/streams"));
        for (String route : List.of("tenants", "analytics", "viral", "referrals", "referral-reviews", "payouts",
                "payout-destinations", "reconciliation", "stripe-events", "stripe-events/invalid", "audit", "second-factor")) {
            String path = "/operator/" + route + (route.equals("reconciliation") ? "?month=" + YearMonth.now(ZoneOffset.UTC) : "");
            pages.add(new Page(Who.OPERATOR, "/operator/" + route, path));
        }
        return new World(slug, emails, List.copyOf(pages));
    }

    /** The {@code @GET} routes of the app's resources that are neither listed pages nor {@link #NOT_PAGES} nor APIs. */
    public static Set<String> routesWithoutAnEntry(World world) throws IOException {
        Set<String> listed = new TreeSet<>();
        world.pages().forEach(p -> listed.add(p.route()));
        Set<String> missing = new TreeSet<>();
        for (String route : getRoutes()) {
            if (!listed.contains(route) && !NOT_PAGES.containsKey(route) && API_PREFIXES.stream().noneMatch(route::startsWith)) {
                missing.add(route);
            }
        }
        return missing;
    }

    /** Every {@code @GET} route of the main code's JAX-RS resources, as "/a/{b}/c" (a trailing "/" only on "/t/{slug}/"). */
    public static Set<String> getRoutes() throws IOException {
        Path classes = Path.of("target", "classes");
        Set<String> routes = new TreeSet<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class") && !f.toString().contains("$")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type;
                try {
                    type = Class.forName(name, false, SitePages.class.getClassLoader());
                } catch (ClassNotFoundException | LinkageError e) {
                    continue;
                }
                jakarta.ws.rs.Path base = type.getAnnotation(jakarta.ws.rs.Path.class);
                if (base == null) {
                    continue;
                }
                for (Method method : type.getDeclaredMethods()) {
                    if (method.isAnnotationPresent(GET.class)) {
                        jakarta.ws.rs.Path sub = method.getAnnotation(jakarta.ws.rs.Path.class);
                        routes.add(join(base.value(), sub == null ? "" : sub.value()));
                    }
                }
            }
        }
        return routes;
    }

    static String join(String base, String sub) {
        String path = ("/" + base + "/" + sub).replaceAll("/+", "/");
        if (path.length() > 1 && path.endsWith("/") && !path.equals("/t/{slug}/")) {
            path = path.substring(0, path.length() - 1);
        }
        return path.equals("/t/{slug}") ? "/t/{slug}/" : path;
    }

    /**
     * Whether {@code path} (no query) is an instance of {@code route}. A placeholder named "…Id" stands for a UUID
     * only, so "/videos/new" is not an instance of "/videos/{videoId}".
     */
    public static boolean matches(String route, String path) {
        String regex = Pattern.quote(route).replaceAll("\\{(?![A-Za-z]*Id\\})[^}]+\\}", "\\\\E[^/]+\\\\Q")
                .replaceAll("\\{[A-Za-z]*Id\\}", "\\\\E[0-9a-fA-F-]{36}\\\\Q");
        return path.replaceAll("[?#].*$", "").matches(regex);
    }

    private static void joinAnotherWorkspace(String email) {
        Tenant other = TestTenants.create("pages-other");
        UUID userId = Accounts.user(email).id;
        Arc.container().instance(ScopedWork.class).get().run(other.id, userId, () -> {
            Membership membership = new Membership();
            membership.id = UUID.randomUUID();
            membership.tenantId = other.id;
            membership.userId = userId;
            membership.role = Role.MEMBER;
            membership.createdAt = java.time.Instant.now();
            membership.persist();
        });
    }

    private static String linkFromLastMail(MailSender mailSender, MockMailbox mailbox, String to, String marker) {
        mailSender.sendDueNow();
        List<Mail> mails = mailbox.getMailsSentTo(to);
        assertTrue(mails != null && !mails.isEmpty(), "mail to " + to);
        String line = mails.get(mails.size() - 1).getText().lines().filter(l -> l.contains(marker)).findFirst().orElseThrow()
                .trim().replaceFirst("^.*?https?://[^/]+", "");
        int token = line.indexOf("token=");
        return token < 0 ? line : line.substring(0, token + 6)
                + java.net.URLEncoder.encode(URLDecoder.decode(line.substring(token + 6), StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }
}
