package pro.dailydoco.account.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import pro.dailydoco.account.CurrentUser;
import pro.dailydoco.account.Permission;
import pro.dailydoco.account.Role;
import pro.dailydoco.tenant.Branding;
import pro.dailydoco.tenant.PageContext;
import pro.dailydoco.tenant.Tenant;

/**
 * The one site menu every page shows (templates/tags/siteHeader.html): the person's workspace menu, also on pages
 * outside a workspace (account, leaderboard, operator), the section menu of the area the page is in (workspace admin,
 * account, operator), which entry is the current page, and the colours of the workspace the menu belongs to
 * (docs/decisions/0172-one-site-menu.md).
 */
@Named("menu")
@RequestScoped
public class SiteMenu {

    /** A menu entry; {@code current} is the value of aria-current: "page" for this page, "true" for its section. */
    public record Entry(String label, String href, String current) {
    }

    /** A section's own menu, named for screen readers by its label. */
    public record Section(String label, List<Entry> entries) {
    }

    private final CurrentUser currentUser;
    private final PageContext page;
    private final CurrentVertxRequest request;
    private Optional<Tenant> menuTenant;

    SiteMenu(CurrentUser currentUser, PageContext page, CurrentVertxRequest request) {
        this.currentUser = currentUser;
        this.page = page;
        this.request = request;
    }

    /** The request's path ("/t/acme/projects"), without query. */
    public String getPath() {
        RoutingContext routing = request == null ? null : request.getCurrent();
        return routing == null ? "" : routing.normalizedPath();
    }

    /**
     * The workspace the menu shows: the one the page is in when the person belongs to it, otherwise the first of
     * their workspaces (the switcher's order), so leaving a workspace for the account or the leaderboard keeps it.
     */
    public CurrentUser.Workspace getWorkspace() {
        if (!currentUser.isSignedIn()) {
            return null;
        }
        Tenant here = page.getTenant();
        if (here != null) {
            Role role = currentUser.getRole();
            return role == null ? null : new CurrentUser.Workspace(here.slug, here.displayName, role);
        }
        return currentUser.getWorkspaces().isEmpty() ? null : currentUser.getWorkspaces().get(0);
    }

    /** The workspace entries (Home, Projects, Referrals, Team, Billing, Admin) the person's role there allows. */
    public List<Entry> getMain() {
        CurrentUser.Workspace workspace = getWorkspace();
        if (workspace == null) {
            return List.of();
        }
        String t = "/t/" + workspace.slug();
        Role role = workspace.role();
        List<Entry> entries = new ArrayList<>();
        entries.add(entry("Home", t + "/", null));
        if (role.can(Permission.PROJECTS_EDIT)) {
            // A video's own pages (/t/{slug}/videos/…) belong to the Projects section too.
            entries.add(entry("Projects", t + "/projects",
                    path -> path.startsWith(t + "/projects/") || path.startsWith(t + "/videos/")));
        }
        entries.add(entry("Referrals", t + "/referrals", null));
        if (role.can(Permission.MEMBERS_VIEW)) {
            entries.add(entry("Team", t + "/members", null));
        }
        if (role.can(Permission.BILLING_MANAGE)) {
            entries.add(entry("Billing", t + "/billing", null));
        }
        List<Entry> admin = adminEntries(t, role);
        if (!admin.isEmpty()) {
            entries.add(entry("Admin", admin.get(0).href(), inAdmin(t)));
        }
        return entries;
    }

    /** The person's own entries: account (their name) and, for the platform operator, Operator. */
    public Entry getAccount() {
        return entry(currentUser.getUser().displayName, "/account", path -> inAccount(path));
    }

    public Entry getOperator() {
        return entry("Operator", "/operator/tenants", path -> path.startsWith("/operator/"));
    }

    /** The menu of the area this page is in, or null: workspace admin, account, or operator. */
    public Section getSection() {
        String path = getPath();
        if (!currentUser.isSignedIn()) {
            return null;
        }
        if (path.startsWith("/operator/") && currentUser.isOperator()) {
            return section("Operator", List.of(
                    new String[] { "Workspaces", "/operator/tenants" },
                    new String[] { "Analytics", "/operator/analytics" },
                    new String[] { "Revenue by stream", "/operator/analytics/streams" },
                    new String[] { "Viral growth", "/operator/viral" },
                    new String[] { "Referral plan", "/operator/referrals" },
                    new String[] { "Referral reviews", "/operator/referral-reviews" },
                    new String[] { "Payouts", "/operator/payouts" },
                    new String[] { "Payout destinations", "/operator/payout-destinations" },
                    new String[] { "Reconciliation", "/operator/reconciliation" },
                    new String[] { "Stripe events", "/operator/stripe-events" },
                    new String[] { "Unreadable Stripe events", "/operator/stripe-events/invalid" },
                    new String[] { "Audit log", "/operator/audit" },
                    new String[] { "Two-step resets", "/operator/second-factor" }));
        }
        if (inAccount(path)) {
            return section("Account", List.of(
                    new String[] { "Profile and sessions", "/account" },
                    new String[] { "Two-step sign-in", "/account/two-factor" },
                    new String[] { "Your data", "/account/data-export" },
                    new String[] { "Referral link", "/account/referral" },
                    new String[] { "Leaderboard", "/leaderboard" }));
        }
        CurrentUser.Workspace workspace = getWorkspace();
        if (workspace != null && page.getTenant() != null && inAdmin("/t/" + workspace.slug()).test(path)) {
            List<Entry> entries = adminEntries("/t/" + workspace.slug(), workspace.role());
            return entries.isEmpty() ? null : new Section("Workspace admin", marked(entries));
        }
        return null;
    }

    /** The header's colours: the page's workspace, else the menu's workspace, else the product's. */
    public String getBrandColor() {
        return tenantForColours().map(t -> t.primaryColor).orElse(Branding.DEFAULT_PRIMARY);
    }

    public String getBrandTextColor() {
        return Branding.readableTextOn(getBrandColor());
    }

    public String getAccentColor() {
        return tenantForColours().map(t -> t.accentColor).orElse(Branding.DEFAULT_ACCENT);
    }

    /** The logo and name in the header: the workspace the menu belongs to. */
    public Tenant getBrandTenant() {
        return tenantForColours().orElse(null);
    }

    /** Whether this page is the home the brand links to (its workspace's home, or the site's). */
    public boolean getBrandCurrent() {
        Tenant brand = getBrandTenant();
        return getPath().equals(brand == null ? "/" : "/t/" + brand.slug + "/");
    }

    private Optional<Tenant> tenantForColours() {
        if (page.getTenant() != null) {
            return Optional.of(page.getTenant());
        }
        if (menuTenant == null) {
            // Outside a workspace only: one read by slug (the request's look-up carries no colours of other workspaces).
            CurrentUser.Workspace workspace = getWorkspace();
            menuTenant = workspace == null ? Optional.empty() : Tenant.findBySlug(workspace.slug());
        }
        return menuTenant;
    }

    private static boolean inAccount(String path) {
        return path.equals("/account") || path.startsWith("/account/") || path.equals("/leaderboard");
    }

    private static Predicate<String> inAdmin(String t) {
        return path -> path.equals(t + "/admin") || path.startsWith(t + "/audit") || path.startsWith(t + "/settings/");
    }

    private static List<Entry> adminEntries(String t, Role role) {
        List<Entry> entries = new ArrayList<>();
        if (role.can(Permission.AUDIT_VIEW)) {
            entries.add(new Entry("Overview", t + "/admin", null));
            entries.add(new Entry("Audit log", t + "/audit", null));
        }
        if (role.can(Permission.SSO_MANAGE)) {
            entries.add(new Entry("Single sign-on", t + "/settings/sso", null));
            entries.add(new Entry("Directory sync (SCIM)", t + "/settings/scim", null));
        }
        if (role.can(Permission.MEMBERS_MANAGE)) {
            entries.add(new Entry("Referral settings", t + "/settings/referrals", null));
        }
        if (role.can(Permission.API_KEYS_MANAGE)) {
            entries.add(new Entry("API keys", t + "/settings/api-keys", null));
        }
        if (role.can(Permission.WEBHOOKS_MANAGE)) {
            entries.add(new Entry("Webhooks", t + "/settings/webhooks", null));
        }
        return entries;
    }

    private Section section(String label, List<String[]> entries) {
        return new Section(label, marked(entries.stream().map(e -> new Entry(e[0], e[1], null)).toList()));
    }

    /** Marks the entry whose address is the page ("page"), or else the longest one the page lies below ("true"). */
    private List<Entry> marked(List<Entry> entries) {
        String path = getPath();
        Entry best = null;
        for (Entry e : entries) {
            boolean below = !e.href().endsWith("/") && path.startsWith(e.href() + "/");
            if (path.equals(e.href()) || below) {
                if (best == null || e.href().length() > best.href().length()) {
                    best = e;
                }
            }
        }
        List<Entry> result = new ArrayList<>();
        for (Entry e : entries) {
            result.add(e == best ? new Entry(e.label(), e.href(), path.equals(e.href()) ? "page" : "true") : e);
        }
        return result;
    }

    /** An entry marked "page" on its own address, "true" on a page below it (or where {@code section} holds). */
    private Entry entry(String label, String href, Predicate<String> section) {
        String path = getPath();
        String current = null;
        if (path.equals(href)) {
            current = "page";
        } else if ((section != null && section.test(path))
                || (section == null && !href.endsWith("/") && path.startsWith(href + "/"))) {
            current = "true";
        }
        return new Entry(label, href, current);
    }
}
