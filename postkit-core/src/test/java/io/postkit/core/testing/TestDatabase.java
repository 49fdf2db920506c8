package io.postkit.core.testing;

import io.postkit.core.internal.embedded.RunningServer;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** A database of its own on a shared test server. */
public record TestDatabase(RunningServer server, int major, String name) {

    public Connection connect() throws SQLException {
        return server.connect(name);
    }

    public String url() {
        return server.jdbcUrl(name);
    }

    /** Drops this database: tests that make many free the disk as they go. */
    public void drop() throws SQLException {
        try (Connection c = server.connect("postgres"); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    /** Runs SQL (several statements allowed) in this database. */
    public void execute(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** The first column of the first row of {@code sql}, as text. */
    public String queryValue(String sql) throws SQLException {
        try (Connection c = connect(); java.sql.Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** The first column of the first row of {@code sql}, as a number (a count). */
    public int queryInt(String sql) throws SQLException {
        return Integer.parseInt(queryValue(sql));
    }
}
