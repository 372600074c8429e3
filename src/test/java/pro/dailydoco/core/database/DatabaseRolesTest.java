package pro.dailydoco.core.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
class DatabaseRolesTest {

    @Inject
    DataSource dataSource;

    @Inject
    RuntimeRoleCheck runtimeRoleCheck;

    @Test
    void appConnectsWithARoleThatObeysRowLevelSecurity() throws SQLException {
        assertNull(runtimeRoleCheck.problemWithRuntimeRole());
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("""
                        select r.rolsuper, r.rolbypassrls,
                               exists (select 1 from pg_tables t where t.schemaname = 'public' and t.tableowner = current_user)
                        from pg_roles r where r.rolname = current_user""")) {
            rs.next();
            assertEquals(false, rs.getBoolean(1), "runtime role must not be superuser");
            assertEquals(false, rs.getBoolean(2), "runtime role must not have BYPASSRLS");
            assertEquals(false, rs.getBoolean(3), "runtime role must not own the tables");
        }
    }

    @Test
    void appConnectionsPlanEachExecutionForItsValuesAndSeriallyByDefault() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select current_setting('plan_cache_mode'), current_setting('max_parallel_workers_per_gather')")) {
            rs.next();
            assertEquals("force_custom_plan", rs.getString(1), "DAILYDOCO_DB_CONNECTION_SQL's default runs on every new connection");
            assertEquals("0", rs.getString(2));
        }
    }

    /**
     * Every table is listed once, with its scope, in docs/architecture.md's "Tables" section, and the database
     * matches the list: a tenant or user table has row-level security enabled AND forced and a policy on
     * {@code app.tenant_id} / {@code app.user_id}; a table marked read-only or append-only gives the app's role
     * no more than that. A new table missing from the list, or a list naming a table that is gone, fails here.
     */
    @Test
    void everyTableIsListedWithItsScopeAndTheDatabaseEnforcesIt() throws Exception {
        Map<String, DocumentedTable> documented = DocumentedTable.read(Path.of("docs/architecture.md"));
        Map<String, TableState> actual = tableStates();
        List<String> problems = new ArrayList<>();
        for (String table : actual.keySet()) {
            if (!documented.containsKey(table)) {
                problems.add(table + " is not listed in docs/architecture.md's Tables section (" + actual.get(table) + ")");
            }
        }
        for (DocumentedTable table : documented.values()) {
            TableState state = actual.get(table.name());
            if (state == null) {
                problems.add(table.name() + " is listed but does not exist");
                continue;
            }
            problems.addAll(table.problemsWith(state));
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertTrue(documented.get("project").scope().equals("tenant") && documented.get("referral_code").scope().equals("user"),
                "the list was read: " + documented.keySet());
    }

    /** Also the old rule, independent of the list: a {@code tenant_id} or {@code user_id} column means RLS. */
    @Test
    void everyTableWithTenantOrUserIdIsGuardedByForcedRowLevelSecurity() throws SQLException {
        List<String> unguarded = new ArrayList<>();
        tableStates().forEach((table, state) -> {
            if (state.hasScopeColumn() && !state.guarded()) {
                unguarded.add(table + " (" + state + ")");
            }
        });
        assertTrue(unguarded.isEmpty(), "tables without forced row-level security: " + unguarded);
    }

    /** What the database says of each table in the public schema, Flyway's history aside. */
    private Map<String, TableState> tableStates() throws SQLException {
        Map<String, TableState> states = new TreeMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("""
                        select cls.relname as name, cls.relrowsecurity as enabled, cls.relforcerowsecurity as forced,
                               (select string_agg(coalesce(p.qual, '') || ' ' || coalesce(p.with_check, ''), ' ')
                                from pg_policies p where p.schemaname = 'public' and p.tablename = cls.relname) as policies,
                               has_table_privilege(current_user, cls.oid, 'INSERT') as can_insert,
                               has_table_privilege(current_user, cls.oid, 'UPDATE')
                                 or exists (select 1 from information_schema.column_privileges cp
                                            where cp.table_schema = 'public' and cp.table_name = cls.relname
                                              and cp.grantee = current_user and cp.privilege_type = 'UPDATE') as can_update,
                               has_table_privilege(current_user, cls.oid, 'DELETE') as can_delete,
                               exists (select 1 from information_schema.columns col
                                       where col.table_schema = 'public' and col.table_name = cls.relname
                                         and col.column_name in ('tenant_id', 'user_id')) as scope_column
                        from pg_class cls
                        join pg_namespace ns on ns.oid = cls.relnamespace
                        where ns.nspname = 'public' and cls.relkind in ('r', 'p')
                          and cls.relname <> 'flyway_schema_history'""")) {
            while (rs.next()) {
                states.put(rs.getString("name"), new TableState(rs.getBoolean("enabled"), rs.getBoolean("forced"),
                        rs.getString("policies"), rs.getBoolean("can_insert"), rs.getBoolean("can_update"),
                        rs.getBoolean("can_delete"), rs.getBoolean("scope_column")));
            }
        }
        return states;
    }

    record TableState(boolean enabled, boolean forced, String policies, boolean canInsert, boolean canUpdate,
            boolean canDelete, boolean hasScopeColumn) {

        boolean guarded() {
            return enabled && forced && policies != null;
        }

        @Override
        public String toString() {
            return "rls enabled=" + enabled + " forced=" + forced + " policies=" + (policies != null)
                    + "; app role may insert=" + canInsert + " update=" + canUpdate + " delete=" + canDelete;
        }
    }

    /** One row of the Tables section: {@code | `table` | owner feature | scope | notes |}. */
    record DocumentedTable(String name, String feature, String scope, String writes) {

        private static final Pattern ROW = Pattern.compile(
                "^\\|\\s*`([a-z_0-9]+)`\\s*\\|\\s*([^|]+?)\\s*\\|\\s*([a-z, ]+?)\\s*(?:\\((read-only|append-only)\\))?\\s*\\|.*\\|\\s*$");

        static Map<String, DocumentedTable> read(Path architecture) throws java.io.IOException {
            Map<String, DocumentedTable> tables = new TreeMap<>();
            boolean inSection = false;
            for (String line : Files.readAllLines(architecture)) {
                if (line.startsWith("## ")) {
                    inSection = line.trim().equals("## Tables");
                    continue;
                }
                Matcher row = ROW.matcher(line);
                if (inSection && row.matches()) {
                    DocumentedTable table = new DocumentedTable(row.group(1), row.group(2), row.group(3).trim(),
                            row.group(4) == null ? "any" : row.group(4));
                    if (tables.put(table.name(), table) != null) {
                        throw new AssertionError(table.name() + " is listed twice");
                    }
                }
            }
            return tables;
        }

        List<String> problemsWith(TableState state) {
            List<String> problems = new ArrayList<>();
            switch (scope) {
                case "tenant", "user", "tenant or user" -> {
                    if (!state.guarded()) {
                        problems.add(name + " (" + scope + ") lacks forced row-level security: " + state);
                    } else {
                        // A policy names the setting, or defers to a scoped table's policy (EXISTS … from it).
                        boolean throughAnother = state.policies().contains("SELECT");
                        if (scope.contains("tenant") && !state.policies().contains("app.tenant_id") && !throughAnother) {
                            problems.add(name + " (" + scope + ") has no policy on app.tenant_id");
                        }
                        if (scope.contains("user") && !state.policies().contains("app.user_id") && !throughAnother) {
                            problems.add(name + " (" + scope + ") has no policy on app.user_id");
                        }
                    }
                }
                case "platform" -> {
                    if (state.hasScopeColumn()) {
                        problems.add(name + " is platform but has a tenant_id or user_id column, which marks scoped rows");
                    }
                }
                default -> problems.add(name + ": unknown scope '" + scope + "' (tenant, user, tenant or user, platform)");
            }
            if (writes.equals("read-only") && (state.canInsert() || state.canUpdate() || state.canDelete())) {
                problems.add(name + " is read-only for the app but its role may write: " + state);
            }
            if (writes.equals("append-only") && (state.canUpdate() || state.canDelete())) {
                problems.add(name + " is append-only but the app's role may update or delete: " + state);
            }
            return problems;
        }
    }

    @Test
    void policiesGuardTheEmptySettingAPooledConnectionReportsAfterCommit() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("""
                        select tablename, concat_ws(' ', qual, with_check) from pg_policies where schemaname = 'public'
                        and (qual like '%current_setting%' or with_check like '%current_setting%')""")) {
            int seen = 0;
            while (rs.next()) {
                seen++;
                // Insert-only policies have no USING (qual is null): their WITH CHECK is what casts the setting.
                assertTrue(rs.getString(2).contains("NULLIF"), rs.getString(1) + " casts the setting without nullif");
            }
            assertTrue(seen > 0);
        }
    }
}
