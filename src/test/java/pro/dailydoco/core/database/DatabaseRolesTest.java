package pro.dailydoco.core.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
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
     * Every table that holds tenant or user data must have row-level security enabled AND forced, and at least
     * one policy. A new table that forgets this fails here.
     */
    @Test
    void everyTableWithTenantOrUserIdIsGuardedByForcedRowLevelSecurity() throws SQLException {
        List<String> unguarded = new ArrayList<>();
        List<String> guarded = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("""
                        select cls.relname, cls.relrowsecurity, cls.relforcerowsecurity,
                               (select count(*) from pg_policies p where p.schemaname = 'public' and p.tablename = cls.relname)
                        from pg_class cls
                        join pg_namespace ns on ns.oid = cls.relnamespace
                        where ns.nspname = 'public' and cls.relkind in ('r', 'p')
                          and exists (select 1 from information_schema.columns col
                                      where col.table_schema = 'public' and col.table_name = cls.relname
                                        and col.column_name in ('tenant_id', 'user_id'))""")) {
            while (rs.next()) {
                String table = rs.getString(1);
                if (!rs.getBoolean(2) || !rs.getBoolean(3) || rs.getLong(4) == 0) {
                    unguarded.add(table + " (enabled=" + rs.getBoolean(2) + ", forced=" + rs.getBoolean(3)
                            + ", policies=" + rs.getLong(4) + ")");
                } else {
                    guarded.add(table);
                }
            }
        }
        assertTrue(unguarded.isEmpty(), "tables without forced row-level security: " + unguarded);
        assertTrue(guarded.contains("project") && guarded.contains("audit_entry"), "scan found " + guarded);
    }

    @Test
    void policiesGuardTheEmptySettingAPooledConnectionReportsAfterCommit() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("""
                        select tablename, qual from pg_policies where schemaname = 'public'
                        and (qual like '%current_setting%' or with_check like '%current_setting%')""")) {
            int seen = 0;
            while (rs.next()) {
                seen++;
                assertTrue(rs.getString(2).contains("NULLIF"), rs.getString(1) + " casts the setting without nullif");
            }
            assertTrue(seen > 0);
        }
    }
}
