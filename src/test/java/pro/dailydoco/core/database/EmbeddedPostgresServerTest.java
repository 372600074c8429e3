package pro.dailydoco.core.database;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The embedded default keeps its data between runs, and sets up the owner and app roles each time. */
class EmbeddedPostgresServerTest {

    @Test
    void dataSurvivesARestartOnTheSameDirectory() throws Exception {
        Path directory = Files.createTempDirectory("dailydoco-restart");
        try (EmbeddedPostgresServer first = EmbeddedPostgresServer.start(directory, 0)) {
            Map<String, String> config = first.quarkusConfig();
            try (Connection c = DriverManager.getConnection(first.jdbcUrl(), config.get("quarkus.flyway.username"),
                    config.get("quarkus.flyway.password")); Statement s = c.createStatement()) {
                s.execute("create table kept (value text)");
                s.execute("insert into kept values ('still here')");
            }
        }
        try (EmbeddedPostgresServer second = EmbeddedPostgresServer.start(directory, 0)) {
            Map<String, String> config = second.quarkusConfig();
            try (Connection c = DriverManager.getConnection(second.jdbcUrl(), config.get("quarkus.flyway.username"),
                    config.get("quarkus.flyway.password")); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select value from kept")) {
                rs.next();
                assertEquals("still here", rs.getString(1));
            }
            try (Connection c = DriverManager.getConnection(second.jdbcUrl(), config.get("quarkus.datasource.username"),
                    config.get("quarkus.datasource.password")); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select rolsuper or rolbypassrls from pg_roles where rolname = current_user")) {
                rs.next();
                assertEquals(false, rs.getBoolean(1), "the app role obeys row-level security");
            }
        }
    }
}
