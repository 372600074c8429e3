package pro.dailydoco.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import pro.dailydoco.project.Project;
import pro.dailydoco.support.TestTenants;

/** Isolation is enforced twice: by Hibernate's tenant filter and, under it, by PostgreSQL's policies. */
@QuarkusTest
class RowLevelSecurityTest {

    @Inject
    ScopedWork scopedWork;

    @Inject
    DataSource dataSource;

    private UUID createProject(Tenant tenant, String name) {
        return scopedWork.asTenant(tenant.id, () -> {
            Project project = new Project();
            project.id = UUID.randomUUID();
            project.name = name;
            project.createdAt = Instant.now();
            project.updatedAt = Instant.now();
            project.persist();
            return project.id;
        });
    }

    @Test
    void rawSqlForTenantACannotReadOrChangeTenantBsRows() {
        Tenant a = TestTenants.create("rls-a");
        Tenant b = TestTenants.create("rls-b");
        createProject(a, "A's handbook");
        UUID bProject = createProject(b, "B's secrets");

        scopedWork.run(a.id, null, () -> {
            assertEquals(0, count("select count(*) from project where tenant_id = ?", b.id));
            assertEquals(0, count("select count(*) from project where id = ?", bProject));
            assertEquals(1, count("select count(*) from project", null), "only A's own row is visible");
            assertEquals(0, update("update project set name = 'pwned' where id = ?", bProject));
            assertEquals(0, update("delete from project where id = ?", bProject));
        });

        WrappedSql denied = assertThrows(WrappedSql.class, () -> scopedWork.run(a.id, null, () -> {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement insert = c.prepareStatement(
                            "insert into project (id, tenant_id, name) values (?, ?, 'planted')")) {
                insert.setObject(1, UUID.randomUUID());
                insert.setObject(2, b.id);
                insert.executeUpdate();
            } catch (SQLException e) {
                throw new WrappedSql(e);
            }
        }), "writing another tenant's row is refused");
        assertEquals("42501", ((SQLException) denied.getCause()).getSQLState());

        scopedWork.run(b.id, null, () -> assertEquals(1, count("select count(*) from project where name = 'B''s secrets'", null),
                "B's row is untouched"));
    }

    @Test
    void withoutATenantInContextNoTenantRowIsVisible() {
        Tenant a = TestTenants.create("rls-none");
        createProject(a, "hidden");
        scopedWork.run(null, null, () -> assertEquals(0, count("select count(*) from project where tenant_id = ?", a.id)));
    }

    @Test
    void hibernateFiltersByTheTenantInContext() {
        Tenant a = TestTenants.create("orm-a");
        Tenant b = TestTenants.create("orm-b");
        createProject(a, "mine");
        UUID theirs = createProject(b, "theirs");
        scopedWork.run(a.id, null, () -> {
            assertNull(Project.findById(theirs));
            List<Project> visible = Project.listAll();
            assertEquals(1, visible.size());
            assertTrue(visible.stream().allMatch(p -> p.tenantId.equals(a.id.toString())));
        });
    }

    @Test
    void settingsDoNotLeakToTheNextTransactionOnAPooledConnection() {
        Tenant a = TestTenants.create("leak");
        createProject(a, "leaky");
        scopedWork.run(a.id, null, () -> assertEquals(1, count("select count(*) from project where tenant_id = ?", a.id)));
        // A fresh transaction without a tenant: transaction-local settings are gone, so nothing shows.
        scopedWork.run(null, null, () -> assertEquals(0, count("select count(*) from project where tenant_id = ?", a.id)));
    }

    private long count(String sql, UUID parameter) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            if (parameter != null) {
                s.setObject(1, parameter);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new WrappedSql(e);
        }
    }

    private int update(String sql, UUID parameter) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, parameter);
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new WrappedSql(e);
        }
    }

    static class WrappedSql extends RuntimeException {
        WrappedSql(SQLException cause) {
            super(cause);
        }
    }
}
