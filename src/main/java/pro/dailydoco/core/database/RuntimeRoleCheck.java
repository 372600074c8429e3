package pro.dailydoco.core.database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses to start when the app's own database role is a superuser or has BYPASSRLS: either would silently switch
 * off every row-level security policy, and tenant isolation with it.
 */
@ApplicationScoped
public class RuntimeRoleCheck {

    private final DataSource dataSource;

    RuntimeRoleCheck(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void onStart(@Observes @Priority(1) StartupEvent event) {
        String problem = problemWithRuntimeRole();
        if (problem != null) {
            Log.error(problem);
            throw new IllegalStateException(problem);
        }
    }

    /** Null when the runtime role is safe, otherwise what is wrong with it. */
    public String problemWithRuntimeRole() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select current_user as role_name, rolsuper as superuser,"
                        + " rolbypassrls as bypasses_rls from pg_roles where rolname = current_user")) {
            rs.next();
            boolean superuser = rs.getBoolean("superuser");
            if (superuser || rs.getBoolean("bypasses_rls")) {
                return "The database role '" + rs.getString("role_name") + "' is " + (superuser ? "a superuser" : "BYPASSRLS")
                        + ", which ignores row-level security. Connect the app (QUARKUS_DATASOURCE_USERNAME) with an "
                        + "ordinary role and migrate with the owner role (QUARKUS_FLYWAY_USERNAME).";
            }
            return null;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not check the database role", e);
        }
    }
}
