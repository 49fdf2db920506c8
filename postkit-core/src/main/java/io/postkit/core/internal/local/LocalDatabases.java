package io.postkit.core.internal.local;

import io.postkit.core.api.PostkitException;
import io.postkit.core.internal.embedded.RunningServer;
import io.postkit.core.internal.sql.Identifiers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Creates and drops databases on the local server, refusing to drop anything it cannot prove is its own. */
public final class LocalDatabases {

    private static final String MAINTENANCE_DB = "postgres";

    private final RunningServer server;

    public LocalDatabases(RunningServer server) {
        this.server = server;
    }

    public RunningServer server() {
        return server;
    }

    /** Creates an empty database and returns its identity, to be recorded and checked before any drop. */
    public DatabaseIdentity create(String name) throws SQLException {
        try (Connection c = server.connect(MAINTENANCE_DB); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + Identifiers.quote(name) + " TEMPLATE template0");
            return new DatabaseIdentity(DatabaseIdentity.of(c).systemIdentifier(), name);
        }
    }

    public boolean exists(String name) throws SQLException {
        try (Connection c = server.connect(MAINTENANCE_DB);
             PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * Drops {@code expected.database()} after proving the server is the one that created it. A missing database is
     * fine (already gone); a different cluster is refused, whatever the URL looks like.
     */
    public void drop(DatabaseIdentity expected) throws SQLException {
        if (!exists(expected.database())) {
            return;
        }
        try (Connection c = server.connect(MAINTENANCE_DB); Statement s = c.createStatement()) {
            String actual = DatabaseIdentity.of(c).systemIdentifier();
            if (!actual.equals(expected.systemIdentifier())) {
                throw new PostkitException("Refusing to drop database '" + expected.database() + "': the local server"
                        + " (system identifier " + actual + ") is not the one that created it ("
                        + expected.systemIdentifier() + "). If .postkit/local was deleted or replaced, run"
                        + " postkit:abort to clear the session.");
            }
            s.execute("DROP DATABASE IF EXISTS " + Identifiers.quote(expected.database()) + " WITH (FORCE)");
        }
    }
}
