package pro.dailydoco.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import pro.dailydoco.account.DemoData;
import pro.dailydoco.demo.DemoReferralNetwork;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;

/**
 * Every main page, filled with the demo referral network's people, workspaces, subscriptions and invoices, writes
 * dates, months, moments, amounts, counts and enum values one way (docs/decisions/0146-one-way-to-write-things.md):
 * the visible text — not attributes, not {@code code} elements, which hold ids, codes and a provider's payload quoted
 * verbatim for people who search for them (a Stripe event's reason names its fields and raw values, as the event's
 * JSON shows them; the bounds it states in our words are written through the formatters) — has no ISO date or instant, no enum constant's name, no amount without "$" and two decimals, and no number of
 * four digits or more without thousands separators (years excepted).
 */
@QuarkusTest
class PagesWriteOneWayTest {

    private static final Pattern ISO_DATE = Pattern.compile("\\b\\d{4}-\\d{2}(-\\d{2})?\\b");
    private static final Pattern ISO_TIME = Pattern.compile("T\\d{2}:\\d{2}");
    private static final Pattern MONEY = Pattern.compile("-?\\$[\\d,.]*");
    private static final Pattern WELL_FORMED_MONEY = Pattern.compile("-?\\$\\d{1,3}(,\\d{3})*\\.\\d{2}");
    /** A run of digits (with separators) that is not part of a word, an id, a path or a time ("14:05"). */
    private static final Pattern NUMBER = Pattern.compile("(?<![\\p{L}\\d_\\-/.,:#…•])\\d[\\d,.]*(?![\\p{L}\\d_\\-])");

    private static Map<String, Document> pages;

    @Inject
    DemoReferralNetwork network;

    @BeforeEach
    void visitEveryPageOnce() {
        if (pages != null) {
            return;
        }
        Map<String, Document> visited = new LinkedHashMap<>();
        Browser anonymous = new Browser();
        for (String path : List.of("/", "/referral-program", "/privacy")) {
            visited.put("signed out " + path, page(anonymous, path));
        }

        Browser root = new Browser();
        String rootEmail = Accounts.uniqueEmail("oneway-root");
        String rootSlug = Accounts.signUp(root, rootEmail, "One Way Root");
        String domain = "oneway-" + UUID.randomUUID().toString().substring(0, 8) + ".example.com";
        network.seedBelow(Accounts.user(rootEmail).id, domain);
        visited.put("root referrals", page(root, "/t/" + rootSlug + "/referrals?period=all"));
        for (String section : List.of("network", "history", "metrics")) {
            visited.put("root referrals " + section, page(root, "/t/" + rootSlug + "/referrals?section=" + section));
        }
        visited.put("root leaderboard", page(root, "/leaderboard"));
        visited.put("root referral link", page(root, "/account/referral"));

        // Ada pays for Team through the webhook pipeline: a subscription, an invoice, audit entries, a referrer.
        Browser ada = new Browser();
        Response signIn = Accounts.signIn(ada, "ada@" + domain, DemoData.PASSWORD);
        assertEquals(303, signIn.statusCode(), signIn.asString());
        // With one workspace, the workspace list goes straight to it.
        Response workspaces = ada.get("/workspaces");
        assertEquals(303, workspaces.statusCode());
        String slug = java.net.URI.create(workspaces.getHeader("Location")).getPath().replaceAll("^/t/([^/]+)/?.*$", "$1");
        page(ada, "/t/" + slug + "/projects/new");
        Response project = ada.post("/t/" + slug + "/projects", "name", "Handbook", "repositoryUrl", "", "description",
                "Written 2026");
        assertEquals(303, project.statusCode(), project.asString());
        String projectPath = java.net.URI.create(project.getHeader("Location")).getPath();
        page(ada, projectPath + "/videos/new");
        assertEquals(303, ada.post(projectPath + "/videos", "title", "Tour", "durationMinutes", "1250", "status",
                "PUBLISHED").statusCode());
        for (String path : List.of("/", "/projects", "/billing", "/billing/invoices", "/members", "/audit", "/admin",
                "/referrals")) {
            visited.put("member " + path, page(ada, "/t/" + slug + path));
        }
        visited.put("member project", page(ada, projectPath));
        visited.put("member account", page(ada, "/account"));

        Browser operator = Accounts.signedInOperator();
        String month = YearMonth.now(ZoneOffset.UTC).toString();
        for (String path : List.of("/operator/tenants", "/operator/analytics", "/operator/viral", "/operator/payouts",
                "/operator/reconciliation?month=" + month, "/operator/stripe-events", "/operator/stripe-events/invalid",
                "/operator/audit", "/operator/referrals", "/operator/referral-reviews",
                "/operator/payout-destinations")) {
            visited.put("operator " + path, page(operator, path));
        }
        pages = visited;
    }

    @Test
    void noIsoDateMonthOrInstantIsShown() {
        assertNothingMatches(ISO_DATE, "an ISO date or month");
        assertNothingMatches(ISO_TIME, "an ISO instant");
    }

    @Test
    void noEnumConstantIsShownByItsName() throws IOException {
        Set<String> constants = enumConstants();
        assertTrue(constants.containsAll(List.of("ENTERPRISE", "SIGNUP", "YAML", "PAST_DUE", "OWNER")), constants.toString());
        List<String> found = new ArrayList<>();
        pages.forEach((name, page) -> {
            String text = visibleText(page);
            for (String constant : constants) {
                if (Pattern.compile("(?<![\\w-])" + constant + "(?![\\w-])").matcher(text).find()) {
                    found.add(name + ": " + constant + " in “" + around(text, constant) + "”");
                }
            }
        });
        assertEquals(List.of(), found);
    }

    @Test
    void amountsAreDollarsWithTwoDecimals() {
        List<String> found = new ArrayList<>();
        pages.forEach((name, page) -> {
            Matcher m = MONEY.matcher(visibleText(page));
            while (m.find()) {
                String amount = m.group().replaceAll("[.,]+$", "");
                if (!WELL_FORMED_MONEY.matcher(amount).matches()) {
                    found.add(name + ": " + m.group());
                }
            }
        });
        assertEquals(List.of(), found);
        assertTrue(pages.get("member /billing/invoices").text().contains("$99.00"), "the Team invoice");
    }

    @Test
    void largeNumbersHaveThousandsSeparators() {
        List<String> found = new ArrayList<>();
        pages.forEach((name, page) -> {
            String text = visibleText(page);
            Matcher m = NUMBER.matcher(text);
            while (m.find()) {
                String number = m.group().replaceAll("[.,]+$", "");
                String whole = number.contains(".") ? number.substring(0, number.indexOf('.')) : number;
                boolean grouped = whole.matches("\\d{1,3}(,\\d{3})+");
                boolean small = whole.matches("\\d{1,3}");
                boolean year = whole.matches("(19|20)\\d{2}");
                if (!grouped && !small && !year) {
                    found.add(name + ": " + number + " in “" + around(text, number) + "”");
                }
            }
        });
        assertEquals(List.of(), found);
        assertTrue(visibleText(pages.get("member project")).contains("1,250"), "the video's minutes");
    }

    @Test
    void auditCodesAndBrowsersReadInWordsWithTheRawValueKeptAside() {
        Document audit = pages.get("member /audit");
        org.jsoup.nodes.Element created = audit.select("tr.audit-row").stream()
                .filter(r -> r.select("code.audit-code").text().equals("project.created")).findFirst().orElseThrow();
        assertTrue(visibleText(audit).contains("Project created"), "the label is the primary text");
        assertEquals("project.created", created.selectFirst("code.audit-code").text(), "the code stays for auditors");
        org.jsoup.nodes.Element device = pages.get("member account").selectFirst("td span[title]");
        assertTrue(device.attr("title").startsWith("Apache-HttpClient/"), "the full user agent as a title");
        assertEquals("Apache-HttpClient", device.text(), "its summary as the text");
    }

    private static void assertNothingMatches(Pattern pattern, String what) {
        List<String> found = new ArrayList<>();
        pages.forEach((name, page) -> {
            String text = visibleText(page);
            Matcher m = pattern.matcher(text);
            while (m.find()) {
                found.add(name + ": " + what + " “" + around(text, m.group()) + "”");
            }
        });
        assertEquals(List.of(), found);
    }

    private static Document page(Browser browser, String path) {
        Response response = browser.get(path);
        assertEquals(200, response.statusCode(), path + ": " + response.asString());
        return Browser.html(response);
    }

    /** What a person reads: the title and the body's text, without code elements (ids and codes kept verbatim). */
    static String visibleText(Document page) {
        Document copy = page.clone();
        copy.select("script, style, template, code, pre, kbd, samp").remove();
        return copy.title() + " \n " + copy.body().text();
    }

    private static String around(String text, String needle) {
        int at = text.indexOf(needle);
        return at < 0 ? needle : text.substring(Math.max(0, at - 40), Math.min(text.length(), at + needle.length() + 40));
    }

    /** The constant names of every public enum of the application, found in its compiled classes. */
    static Set<String> enumConstants() throws IOException {
        Path classes = Paths.get("target/classes");
        Set<String> constants = new TreeSet<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                try {
                    Class<?> type = Class.forName(name, false, PagesWriteOneWayTest.class.getClassLoader());
                    if (type.isEnum() && java.lang.reflect.Modifier.isPublic(type.getModifiers())) {
                        for (Object constant : type.getEnumConstants()) {
                            constants.add(((Enum<?>) constant).name());
                        }
                    }
                } catch (ClassNotFoundException | LinkageError e) {
                    // Generated or build-time-only classes: not the application's enums.
                }
            }
        }
        return constants;
    }
}
