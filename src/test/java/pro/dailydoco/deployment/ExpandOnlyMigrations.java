package pro.dailydoco.deployment;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the migrations added since the previous release and names every statement the previous release's code could
 * trip over while it still runs beside the new one (docs/decisions/0220-expand-deploy-contract-migrations.md): dropping
 * or renaming what exists, changing a column's type, making an existing column required, adding a constraint or
 * unique index to an existing table, taking a grant away. Those belong in a contract migration, which says so in its
 * name ({@code V<n>__contract_<what>.sql}) and gives its reason on a {@code -- Contract:} line.
 * <p>
 * Only statements that run at migration time are read: comments, string literals and dollar-quoted bodies (functions,
 * DO blocks) are skipped. Tables created by the new migrations themselves are new to every node, so altering them is
 * allowed.
 */
final class ExpandOnlyMigrations {

    /** One migration file: its name and SQL text. */
    record Migration(String fileName, String sql) {
    }

    /** A statement the previous release may not survive, with the rule it breaks. */
    record Finding(String fileName, String statement, String rule) {
        @Override
        public String toString() {
            return fileName + ": " + rule + ": " + statement;
        }
    }

    private static final Pattern CONTRACT_NAME = Pattern.compile("^V\\d+__contract_.+\\.sql$");
    private static final Pattern CONTRACT_REASON = Pattern.compile("(?im)^--\\s*Contract:\\s*(\\S.{19,})$");
    private static final Pattern CREATE_TABLE = Pattern.compile(
            "^create\\s+(?:unlogged\\s+)?table\\s+(?:if\\s+not\\s+exists\\s+)?([\\w.\"]+)");
    private static final Pattern ALTER_TABLE = Pattern.compile(
            "^alter\\s+table\\s+(?:if\\s+exists\\s+)?(?:only\\s+)?([\\w.\"]+)\\s+(.*)$");
    private static final Pattern CREATE_UNIQUE_INDEX = Pattern.compile(
            "^create\\s+unique\\s+index\\s+(?:concurrently\\s+)?(?:if\\s+not\\s+exists\\s+)?(?:[\\w\"]+\\s+)?on\\s+(?:only\\s+)?([\\w.\"]+)");
    private static final Pattern DROP_REPLACEABLE = Pattern.compile(
            "^drop\\s+(policy|trigger)\\s+(?:if\\s+exists\\s+)?([\\w\"]+)\\s+on\\s+([\\w.\"]+)");
    private static final Pattern CREATE_REPLACEABLE = Pattern.compile(
            "^create\\s+(?:or\\s+replace\\s+)?(?:constraint\\s+)?(policy|trigger)\\s+([\\w\"]+)\\s+.*?\\bon\\s+([\\w.\"]+)");

    private static final Pattern CREATE_FUNCTION = Pattern.compile(
            "^create\\s+(?:or\\s+replace\\s+)?function\\s+([\\w.\"]+)");
    private static final Pattern REVOKE_ON_FUNCTION = Pattern.compile("^revoke\\s+.*?\\bon\\s+function\\s+([\\w.\"]+)");
    private static final Pattern DROP_INDEX = Pattern.compile(
            "^drop\\s+index\\s+(?:concurrently\\s+)?(?:if\\s+exists\\s+)?([\\w.\"]+)\\s*$");
    private static final Pattern CREATE_INDEX = Pattern.compile(
            "^create\\s+(?:unique\\s+)?index\\s+(?:concurrently\\s+)?(?:if\\s+not\\s+exists\\s+)?([\\w.\"]+)\\s+on\\b");

    private ExpandOnlyMigrations() {
    }

    static boolean isContract(Migration migration) {
        return CONTRACT_NAME.matcher(migration.fileName()).matches();
    }

    /** The reason a contract migration gives on its {@code -- Contract:} line (20 characters at least), or null. */
    static String contractReason(Migration migration) {
        Matcher m = CONTRACT_REASON.matcher(migration.sql());
        return m.find() ? m.group(1).trim() : null;
    }

    /**
     * The statements of the given (new) migrations that are not expand-only. Contract migrations are skipped here;
     * {@link #contractReason} is checked on them separately.
     */
    static List<Finding> findings(List<Migration> newMigrations) {
        Set<String> newObjects = new LinkedHashSet<>();
        for (Migration migration : newMigrations) {
            for (String statement : statements(migration.sql())) {
                Matcher table = CREATE_TABLE.matcher(statement);
                if (table.find()) {
                    newObjects.add(tableName(table.group(1)));
                }
                // A function (re)defined by the new migrations: taking PUBLIC's default grant away is how a new
                // function is locked down; the app role is granted what it needs by name.
                Matcher function = CREATE_FUNCTION.matcher(statement);
                if (function.find()) {
                    newObjects.add("function " + tableName(function.group(1)));
                }
            }
        }
        List<Finding> findings = new ArrayList<>();
        for (Migration migration : newMigrations) {
            if (isContract(migration)) {
                continue;
            }
            List<String> statements = statements(migration.sql());
            for (String statement : statements) {
                String rule = breaks(statement, statements, newObjects);
                if (rule != null) {
                    findings.add(new Finding(migration.fileName(), statement, rule));
                }
            }
        }
        return findings;
    }

    /** The rule the statement breaks for code of the previous release, or null when that code is unaffected. */
    static String breaks(String statement, List<String> sameFile, Set<String> newObjects) {
        Matcher replaceable = DROP_REPLACEABLE.matcher(statement);
        if (replaceable.find()) {
            // Replacing a policy or trigger (drop, then create the same name on the same table) keeps it in place.
            boolean recreated = sameFile.stream().map(CREATE_REPLACEABLE::matcher).anyMatch(c -> c.find()
                    && c.group(1).equals(replaceable.group(1)) && c.group(2).equals(replaceable.group(2))
                    && tableName(c.group(3)).equals(tableName(replaceable.group(3))));
            return recreated || newObjects.contains(tableName(replaceable.group(3))) ? null
                    : "drops a " + replaceable.group(1) + " the previous release relies on";
        }
        Matcher dropIndex = DROP_INDEX.matcher(statement);
        if (dropIndex.find()) {
            // Rebuilding an index under its own name keeps what the old code relies on (ON CONFLICT needs it).
            boolean rebuilt = sameFile.stream().map(CREATE_INDEX::matcher)
                    .anyMatch(c -> c.find() && tableName(c.group(1)).equals(tableName(dropIndex.group(1))));
            return rebuilt ? null : "drops an index the previous release may rely on (ON CONFLICT needs a unique one)";
        }
        if (statement.matches("^drop\\s+(table|view|materialized\\s+view|function|procedure|type|schema|sequence|index|domain)\\b.*")) {
            String dropped = statement.replaceFirst("^drop\\s+(?:table|view|materialized\\s+view|function|procedure|type|schema|sequence|index|domain)\\s+(?:concurrently\\s+)?(?:if\\s+exists\\s+)?([\\w.\"]+).*$", "$1");
            return newObjects.contains(tableName(dropped)) ? null : "drops something the previous release may use";
        }
        if (statement.matches("^alter\\s+(view|materialized\\s+view|function|type|sequence|index|schema)\\b.*\\brename\\b.*")) {
            return "renames something the previous release uses by name";
        }
        Matcher revokeOnFunction = REVOKE_ON_FUNCTION.matcher(statement);
        if (revokeOnFunction.find() && newObjects.contains("function " + tableName(revokeOnFunction.group(1)))) {
            return null;
        }
        if (statement.startsWith("revoke ")) {
            return "takes away a grant the previous release may use";
        }
        if (statement.startsWith("truncate ")) {
            return "empties a table the previous release reads";
        }
        Matcher unique = CREATE_UNIQUE_INDEX.matcher(statement);
        if (unique.find() && !newObjects.contains(tableName(unique.group(1)))) {
            return "adds a uniqueness rule the previous release's writes do not know about";
        }
        Matcher alter = ALTER_TABLE.matcher(statement);
        if (alter.find() && !newObjects.contains(tableName(alter.group(1)))) {
            return alterBreaks(alter.group(2));
        }
        return null;
    }

    private static String alterBreaks(String actions) {
        if (actions.matches("(^|.*,\\s*)drop\\s+(?!constraint\\b|default\\b|not\\s+null\\b|identity\\b|expression\\b).*")) {
            return "drops a column the previous release reads or writes";
        }
        if (actions.matches(".*\\brename\\b.*")) {
            return "renames a table or column the previous release uses by name";
        }
        if (actions.matches(".*\\balter\\s+(column\\s+)?[\\w\"]+\\s+(set\\s+data\\s+)?type\\b.*")) {
            return "changes a column's type under the previous release";
        }
        if (actions.matches(".*\\bset\\s+not\\s+null\\b.*")) {
            return "makes an existing column required; the previous release may write it empty";
        }
        if (actions.matches(".*\\bdrop\\s+default\\b.*")) {
            return "removes a default the previous release's inserts rely on";
        }
        if (actions.matches(".*\\bdrop\\s+constraint\\b.*") && !actions.matches(".*\\badd\\s+constraint\\b.*")) {
            return null; // loosening a rule never breaks a writer that obeys it
        }
        if (actions.matches(".*\\badd\\s+(constraint\\b|check\\b|unique\\b|foreign\\s+key\\b|primary\\s+key\\b|exclude\\b).*")) {
            return "adds a constraint the previous release's writes do not know about";
        }
        for (String added : actions.split(",(?=\\s*add\\b)")) {
            if (added.matches("\\s*add\\s+(column\\s+)?(if\\s+not\\s+exists\\s+)?[\\w\"]+\\s+.*\\bnot\\s+null\\b.*")
                    && !added.matches(".*\\b(default|generated)\\b.*")) {
                return "adds a required column without a default; the previous release's inserts leave it out";
            }
        }
        return null;
    }

    /**
     * The statements of a script, lower-cased with whitespace folded, without comments, string literals (replaced by
     * '') and dollar-quoted bodies (replaced by $$).
     */
    static List<String> statements(String sql) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                current.append(' ');
            } else if (c == '\'') {
                int j = i + 1;
                while (j < n) {
                    if (sql.charAt(j) == '\'' && j + 1 < n && sql.charAt(j + 1) == '\'') {
                        j += 2;
                    } else if (sql.charAt(j) == '\'') {
                        break;
                    } else {
                        j++;
                    }
                }
                current.append("''");
                i = Math.min(n, j + 1);
            } else if (c == '$') {
                Matcher tag = Pattern.compile("^\\$[A-Za-z_]*\\$").matcher(sql.substring(i, Math.min(n, i + 64)));
                if (tag.find()) {
                    int end = sql.indexOf(tag.group(), i + tag.group().length());
                    i = end < 0 ? n : end + tag.group().length();
                    current.append("$$");
                } else {
                    current.append(c);
                    i++;
                }
            } else if (c == ';') {
                add(statements, current);
                i++;
            } else {
                current.append(c);
                i++;
            }
        }
        add(statements, current);
        return statements;
    }

    private static void add(List<String> statements, StringBuilder current) {
        String statement = current.toString().replaceAll("\\s+", " ").trim().toLowerCase(Locale.ROOT);
        if (!statement.isEmpty()) {
            statements.add(statement);
        }
        current.setLength(0);
    }

    private static String tableName(String name) {
        String plain = name.replace("\"", "").toLowerCase(Locale.ROOT);
        return plain.startsWith("public.") ? plain.substring("public.".length()) : plain;
    }
}
