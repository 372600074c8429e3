package pro.dailydoco.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import pro.dailydoco.demo.DemoReferralNetwork;
import pro.dailydoco.mail.MailSender;
import pro.dailydoco.pages.SitePages.Page;
import pro.dailydoco.pages.SitePages.Who;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;

/**
 * Every page is reachable by following links from where a person starts (home, menus), names the current menu entry
 * with aria-current, and pages outside a workspace keep the person's workspace menu and colours
 * (docs/decisions/0172-one-site-menu.md).
 */
@QuarkusTest
class NavigationTest {

    /** Pages reached from a mail or a form, never from a link: they need no menu entry. */
    private static final Set<String> REACHED_FROM_MAIL_OR_FORM = Set.of("/login/password", "/reset-password",
            "/verify-email", "/email-change/confirm", "/t/{slug}/invitations/{token}");

    private static SitePages.World world;
    private static final Map<Who, Browser> browsers = new EnumMap<>(Who.class);

    @Inject
    DemoReferralNetwork network;
    @Inject
    MailSender mailSender;
    @Inject
    MockMailbox mailbox;

    @BeforeEach
    void seedOnce() {
        if (world != null) {
            return;
        }
        world = SitePages.seed(network, mailSender, mailbox);
        browsers.put(Who.SIGNED_OUT, new Browser());
        for (Who who : List.of(Who.MEMBER, Who.ADMIN, Who.BILLING, Who.OPERATOR)) {
            Browser browser = new Browser();
            assertEquals(303, Accounts.signIn(browser, world.emails().get(who), Accounts.PASSWORD).statusCode());
            browsers.put(who, browser);
        }
    }

    @Test
    void everyGetRouteIsAListedPageOrADocumentedNonPage() throws Exception {
        assertEquals(Set.of(), SitePages.routesWithoutAnEntry(world),
                "add each new page to SitePages (or, if it is no page, to SitePages.NOT_PAGES with the reason)");
    }

    @Test
    void everyPageIsReachableByLinksFromWherePeopleStart() {
        List<String> unreachable = new ArrayList<>();
        for (Who who : Who.values()) {
            Set<String> reached = crawl(browsers.get(who), who == Who.SIGNED_OUT ? "/" : "/t/" + world.slug() + "/");
            if (who == Who.OPERATOR) {
                reached.addAll(crawl(browsers.get(who), "/operator/tenants"));
            }
            for (Page page : world.of(who)) {
                if (REACHED_FROM_MAIL_OR_FORM.contains(page.route())) {
                    continue;
                }
                if (reached.stream().noneMatch(path -> SitePages.matches(page.route(), path))) {
                    unreachable.add(who + " " + page.route());
                }
            }
        }
        assertEquals(List.of(), unreachable, "pages no link leads to");
    }

    @Test
    void theMenuMarksTheCurrentPage() {
        List<String> unmarked = new ArrayList<>();
        for (Page page : world.pages()) {
            if (page.who() == Who.SIGNED_OUT && !Set.of("/login", "/signup").contains(page.route())) {
                continue;
            }
            Document html = get(browsers.get(page.who()), page.path());
            Element current = html.selectFirst("header a[aria-current], nav a[aria-current]");
            if (current == null) {
                unmarked.add(page.who() + " " + page.path());
            }
        }
        assertEquals(List.of(), unmarked, "pages whose menu marks no entry as current");
    }

    @Test
    void leavingTheWorkspaceKeepsItsMenuAndColours() {
        Browser member = browsers.get(Who.MEMBER);
        for (String path : List.of("/account", "/leaderboard", "/account/referral", "/workspaces")) {
            Document page = get(member, path);
            Element projects = page.selectFirst("header nav[aria-label=Main] a[href$=/projects]");
            assertTrue(projects != null, path + " keeps a workspace menu");
            String workspace = projects.attr("href").replaceAll("/projects$", "/");
            assertTrue(member.request().get(workspace).statusCode() == 200, "a workspace of the person: " + workspace);
            assertEquals(get(member, workspace).body().attr("style"), page.body().attr("style"),
                    path + " keeps the colours of " + workspace);
            assertEquals(workspace, page.selectFirst("header a.brand").attr("href"), path + ": the brand leads home");
        }
    }

    @Test
    void theOperatorMenuIsOnEveryOperatorPage() {
        for (Page page : world.of(Who.OPERATOR)) {
            Document html = get(browsers.get(Who.OPERATOR), page.path());
            Element menu = html.selectFirst("nav[aria-label=Operator]");
            assertTrue(menu != null, page.path() + " shows the operator menu");
            assertEquals(13, menu.select("a").size(), page.path() + ": every operator page in the menu");
        }
    }

    private static Set<String> crawl(Browser browser, String start) {
        Set<String> seen = new TreeSet<>();
        Set<String> queued = new HashSet<>();
        Deque<String> queue = new ArrayDeque<>(List.of(start));
        queued.add(start);
        while (!queue.isEmpty() && seen.size() < 250) {
            String path = queue.poll();
            Response response = browser.get(path);
            if (response.statusCode() != 200 || !String.valueOf(response.getContentType()).contains("text/html")) {
                continue;
            }
            seen.add(path);
            for (Element link : Browser.html(response).select("a[href]")) {
                String href = link.attr("href");
                if (href.isEmpty() || href.startsWith("#") || href.contains("://") || href.startsWith("mailto:")) {
                    continue;
                }
                String target = URI.create(path).resolve(href.replaceAll("#.*$", "")).toString();
                String bare = target.replaceAll("\\?.*$", "");
                boolean nonPage = SitePages.NOT_PAGES.keySet().stream().anyMatch(r -> SitePages.matches(r, bare))
                        || SitePages.API_PREFIXES.stream().anyMatch(bare::startsWith) || bare.startsWith("/webjars/");
                // Query variants of the same page (pages, filters) add no new route: one visit per path is enough.
                if (!nonPage && queued.add(bare)) {
                    queue.add(target);
                }
            }
        }
        return seen;
    }

    private static Document get(Browser browser, String path) {
        Response response = browser.get(path);
        assertEquals(200, response.statusCode(), path);
        return Browser.html(response);
    }
}
