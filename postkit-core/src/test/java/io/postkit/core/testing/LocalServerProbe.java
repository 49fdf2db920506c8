package io.postkit.core.testing;

import io.postkit.core.api.Workspace;
import io.postkit.core.internal.embedded.EmbeddedPostgres;
import io.postkit.core.internal.embedded.RunningServer;
import io.postkit.core.internal.workflow.LocalClone;
import io.postkit.core.internal.workflow.Project;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Properties;

/** Looks at a project's local server from outside the goals, as an operator would. */
public record LocalServerProbe(Workspace workspace, int major) {

    public Path dataDir() {
        return new Project(workspace).localDir().resolve("pg" + major);
    }

    public boolean running() {
        return EmbeddedPostgres.runningPort(dataDir()).isPresent();
    }

    /** How many backends run a statement matching {@code pattern} (SQL LIKE, e.g. "COPY %") right now. */
    public int active(String pattern) throws SQLException {
        OptionalInt port = EmbeddedPostgres.runningPort(dataDir());
        if (port.isEmpty()) {
            return 0;
        }
        Properties props = new Properties();
        props.setProperty("user", "postgres");
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + port.getAsInt()
                + "/postgres", props);
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pg_stat_activity"
                     + " WHERE state = 'active' AND query ILIKE ? AND pid <> pg_backend_pid()")) {
            ps.setString(1, pattern);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            return 0; // starting or stopping
        }
    }

    /**
     * The databases on the server besides the maintenance database, by name (looked at as found: left running or
     * stopped).
     */
    public List<String> databases() throws SQLException {
        List<String> names = new ArrayList<>();
        try (RunningServer server = new Project(workspace).localServers().inspect(major);
             Connection c = server.connect("postgres"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT datname FROM pg_database WHERE NOT datistemplate"
                     + " AND datname <> 'postgres' ORDER BY 1")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    /** The roles on the server whose names match {@code pattern} (SQL LIKE), by name. */
    public List<String> roles(String pattern) throws SQLException {
        List<String> names = new ArrayList<>();
        try (RunningServer server = new Project(workspace).localServers().inspect(major);
             Connection c = server.connect("postgres");
             PreparedStatement ps = c.prepareStatement("SELECT rolname FROM pg_roles WHERE rolname LIKE ?"
                     + " ORDER BY 1")) {
            ps.setString(1, pattern);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    /** The first column of the first row {@code sql} gives on the session's clone, as the superuser. */
    public String cloneValue(String sql) throws SQLException {
        Project project = new Project(workspace);
        try (RunningServer server = project.localServers().start(major);
             Connection c = LocalClone.of(project, server, project.state().requireSession("test")).connect();
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
