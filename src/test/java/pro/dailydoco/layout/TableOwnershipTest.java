package pro.dailydoco.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * A feature's SQL reads and writes its own tables; another feature's rows only through a view or read model that
 * feature publishes (docs/decisions/0062-features-read-each-other-through-views.md). Checked over every SQL string
 * in src/main/java, and every table the migrations create must have an owner here.
 */
class TableOwnershipTest {

    /** Relation name → owning feature, by exact name first, then by prefix. */
    private static final Map<String, String> OWNER_BY_NAME = Map.ofEntries(
            Map.entry("tenant", "tenant"), Map.entry("tenant_directory", "tenant"),
            Map.entry("app_user", "account"), Map.entry("membership", "account"), Map.entry("web_session", "account"),
            Map.entry("email_token", "account"), Map.entry("second_factor", "account"), Map.entry("invitation", "account"), Map.entry("rate_limit", "account"), Map.entry("throttle_bucket", "account"),
            Map.entry("account_person", "account"), Map.entry("account_member", "account"),
            Map.entry("audit_entry", "audit"), Map.entry("audit_chain_head", "audit"),
            Map.entry("platform_audit_entry", "audit"), Map.entry("platform_audit_head", "audit"),
            Map.entry("stripe_event", "billing"), Map.entry("project", "project"), Map.entry("video", "project"),
            Map.entry("mail_outbox", "mail"), Map.entry("cluster_lock", "core"), Map.entry("replica_heartbeat", "core"),
            Map.entry("home_checklist_dismissal", "home"), Map.entry("platform_operator", "account"));

    private static final Map<String, String> OWNER_BY_PREFIX = Map.ofEntries(Map.entry("billing_", "billing"),
            Map.entry("stripe_", "billing"), Map.entry("sso_", "sso"), Map.entry("scim_", "scim"), Map.entry("referral_", "referral"),
            Map.entry("commission_", "referral"), Map.entry("payout", "referral"), Map.entry("leaderboard_", "referral"),
            Map.entry("analytics_", "analytics"), Map.entry("account_", "account"), Map.entry("audit_", "audit"),
            Map.entry("tenant_", "tenant"), Map.entry("project_", "project"), Map.entry("privacy_", "privacy"),
            Map.entry("video_", "project"), Map.entry("second_factor_", "account"),
            Map.entry("webhook_", "integration"), Map.entry("api_", "api"), Map.entry("usage_", "billing"));

    /**
     * What a feature publishes for the others to read: the views of V26 and the roll-ups that exist to be read
     * (analytics' paid plan per workspace, referral's platform and commission months).
     */
    private static final Set<String> PUBLISHED = Set.of("tenant_directory", "account_person", "account_member",
            "analytics_tenant_plan", "referral_platform_month", "referral_commission_month");

    private static final Pattern RELATION = Pattern.compile(
            "\\b(?:from|join|into|update|table)\\s+([a-z_][a-z0-9_]*)\\b");

    private static final Pattern STRING = Pattern.compile("\"\"\"(.*?)\"\"\"|\"((?:\\\\.|[^\"\\\\])*)\"", Pattern.DOTALL);

    static String ownerOf(String relation) {
        String owner = OWNER_BY_NAME.get(relation);
        if (owner != null) {
            return owner;
        }
        return OWNER_BY_PREFIX.entrySet().stream().filter(e -> relation.startsWith(e.getKey()))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    @Test
    void everyTableAndViewTheMigrationsCreateHasAnOwner() throws IOException {
        Set<String> created = new TreeSet<>();
        Pattern create = Pattern.compile("(?i)create\\s+(?:table|view)\\s+(?:if\\s+not\\s+exists\\s+)?([a-z_][a-z0-9_]*)");
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            for (Path file : files.toList()) {
                Matcher m = create.matcher(Files.readString(file));
                while (m.find()) {
                    created.add(m.group(1).toLowerCase(Locale.ROOT));
                }
            }
        }
        assertTrue(created.size() > 50, "the migrations were read: " + created);
        for (String relation : created) {
            assertNotNull(ownerOf(relation), relation + " has no owning feature in TableOwnershipTest");
        }
    }

    @Test
    void aFeaturesSqlTouchesOnlyItsOwnTablesAndWhatOthersPublish() throws IOException {
        List<String> violations = new ArrayList<>();
        Path root = Path.of("src/main/java/pro/dailydoco");
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(file -> {
                Path relative = root.relativize(file);
                String feature = relative.getNameCount() > 1 ? relative.getName(0).toString() : "";
                for (String relation : relationsIn(read(file))) {
                    String owner = ownerOf(relation);
                    if (owner != null && !owner.equals(feature) && !PUBLISHED.contains(relation)
                            && !publishedForExports(relation)) {
                        violations.add(relative + " reads " + relation + " (" + owner + "'s)");
                    }
                }
            });
        }
        assertEquals(List.of(), violations);
    }

    @Test
    void theCheckFindsATableReadAcrossFeatures() {
        assertEquals(Set.of("app_user", "membership"),
                relationsIn("var q = \"select u.email from app_user u join membership m on m.user_id = u.id\";"));
        assertEquals(Set.of("account_person"), relationsIn("String sql = \"\"\"\n  select id from account_person\n\"\"\";"));
        assertEquals("account", ownerOf("app_user"));
        assertEquals("referral", ownerOf("payout_batch"));
    }

    /**
     * The views each feature publishes for data exports (V56): {@code <owner>_export_<table>}, without secrets, read by
     * the privacy feature in the scope of whom the export is about.
     */
    static boolean publishedForExports(String relation) {
        return relation.matches("[a-z]+_export_[a-z_]+") && !relation.startsWith("privacy_");
    }

    /** The relations named after from/join/into/update/table inside the string literals of a source file. */
    static Set<String> relationsIn(String source) {
        Set<String> relations = new TreeSet<>();
        Matcher literal = STRING.matcher(source.replaceAll("(?m)^\\s*(//|\\*|/\\*\\*).*$", ""));
        while (literal.find()) {
            String text = (literal.group(1) != null ? literal.group(1) : literal.group(2)).toLowerCase(Locale.ROOT);
            Matcher m = RELATION.matcher(text);
            while (m.find()) {
                if (ownerOf(m.group(1)) != null) {
                    relations.add(m.group(1));
                }
            }
        }
        return relations;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
