package io.postkit.core.internal.local;

import io.postkit.core.api.PostkitException;
import io.postkit.core.internal.embedded.RunningServer;
import io.postkit.core.internal.sql.Identifiers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one place that creates and drops databases on a local server. Every database it creates carries a
 * {@link CreationMarker}; it drops only what it can prove is postkit's own: the same cluster, a marker, and the
 * token the caller holds (the session's, for a clone; the creating handle's otherwise).
 */
public final class LocalDatabases {

    private static final String MAINTENANCE_DB = "postgres";

    private final RunningServer server;
    private final String project;

    /** Databases made outside any project ({@code postkit:diff}). */
    public LocalDatabases(RunningServer server) {
        this(server, "");
    }

    /** @param project the key of the project whose goal runs, or empty ({@code postkit:diff}) */
    public LocalDatabases(RunningServer server, String project) {
        this.server = server;
        this.project = project == null ? "" : project;
    }

    public RunningServer server() {
        return server;
    }

    /** The key of the project whose goal uses these databases, or empty. */
    public String project() {
        return project;
    }

    /** Creates a new, marked, empty database, dropped again when the handle closes unless it is kept. */
    public ThrowawayDatabase create(Purpose purpose) throws SQLException {
        return createFrom(purpose, "template0");
    }

    /**
     * Creates a new, marked copy of database {@code template} (no one may be connected to it), dropped again when the
     * handle closes unless it is kept.
     */
    public ThrowawayDatabase createFrom(Purpose purpose, String template) throws SQLException {
        CreationMarker marker = CreationMarker.now(purpose, project);
        String name = "postkit_" + purpose.label() + "_" + marker.token();
        try (Connection c = maintenance(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + Identifiers.quote(name) + " TEMPLATE " + Identifiers.quote(template)
                    + strategy(c, template));
            // Killed right here, the database has no marker: it is never dropped, and status lists it as unmarked.
            try {
                s.execute("COMMENT ON DATABASE " + Identifiers.quote(name) + " IS "
                        + Identifiers.literal(marker.toJson()));
            } catch (SQLException e) {
                s.execute("DROP DATABASE IF EXISTS " + Identifiers.quote(name));
                throw e;
            }
            return new ThrowawayDatabase(this, new LocalDatabase(
                    new DatabaseIdentity(DatabaseIdentity.of(c).systemIdentifier(), name), marker));
        }
    }

    /**
     * A copy of a kept template is a copy of files (PostgreSQL 15 and later would otherwise read every page into
     * shared buffers and log it, and the next checkpoint write it all again); an empty database, from
     * {@code template0}, is cheaper logged than with the two checkpoints a file copy takes.
     */
    private static String strategy(Connection c, String template) throws SQLException {
        return !template.equals("template0") && c.getMetaData().getDatabaseMajorVersion() >= 15
                ? " STRATEGY FILE_COPY" : "";
    }

    /** A connection to the server's maintenance database, where databases are made, listed and dropped. */
    Connection maintenance() throws SQLException {
        return server.connect(MAINTENANCE_DB);
    }

    public boolean exists(String name) throws SQLException {
        try (Connection c = maintenance();
             PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The marker on database {@code name}, if it exists and carries one. */
    public Optional<CreationMarker> markerOf(String name) throws SQLException {
        try (Connection c = maintenance()) {
            return markerOf(c, name);
        }
    }

    /** The database whose marker holds {@code token}, as a handle its holder may drop. */
    public Optional<LocalDatabase> withToken(String token) throws SQLException {
        String cluster = systemIdentifier();
        for (ListedDatabase listed : list()) {
            if (listed.marker() != null && listed.marker().token().equals(token)) {
                return Optional.of(new LocalDatabase(new DatabaseIdentity(cluster, listed.name()), listed.marker()));
            }
        }
        return Optional.empty();
    }

    /** Every database on the server but the maintenance database and templates, with markers, by name. */
    public List<ListedDatabase> list() throws SQLException {
        List<ListedDatabase> all = new ArrayList<>();
        try (Connection c = maintenance(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT datname::text, shobj_description(oid, 'pg_database')"
                     + " FROM pg_database WHERE NOT datistemplate AND datname <> '" + MAINTENANCE_DB + "'"
                     + " ORDER BY 1")) {
            while (rs.next()) {
                all.add(new ListedDatabase(rs.getString(1), CreationMarker.parse(rs.getString(2)).orElse(null)));
            }
        }
        return all;
    }

    /** The database's size on disk, or -1 when it cannot be read (dropped meanwhile). */
    public long sizeOf(String name) {
        try (Connection c = maintenance();
             PreparedStatement ps = c.prepareStatement("SELECT pg_database_size(?::text)")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        } catch (SQLException e) {
            return -1;
        }
    }

    public String systemIdentifier() throws SQLException {
        try (Connection c = maintenance()) {
            return DatabaseIdentity.of(c).systemIdentifier();
        }
    }

    /**
     * Drops {@code expected} after proving it is the database its holder created: on this cluster, marked by
     * postkit, with the holder's token. A database that is gone already is fine; anything else is refused.
     */
    public void drop(LocalDatabase expected) throws SQLException {
        if (!exists(expected.name())) {
            return;
        }
        try (Connection c = maintenance(); Statement s = c.createStatement()) {
            String actual = DatabaseIdentity.of(c).systemIdentifier();
            if (!actual.equals(expected.identity().systemIdentifier())) {
                throw new PostkitException("Refusing to drop database '" + expected.name() + "': the local server"
                        + " (system identifier " + actual + ") is not the one that created it ("
                        + expected.identity().systemIdentifier() + "). If .postkit/local was deleted or replaced,"
                        + " run mvn postkit:abort to clear the session.");
            }
            Optional<CreationMarker> marker = markerOf(c, expected.name());
            if (marker.isEmpty() || !marker.get().token().equals(expected.token())) {
                throw notOurs(expected.name(), marker.isPresent());
            }
            s.execute("DROP DATABASE IF EXISTS " + Identifiers.quote(expected.name()) + " WITH (FORCE)");
        }
    }

    static PostkitException notOurs(String name, boolean otherMarker) {
        return new PostkitException("Refusing to drop database '" + name + "': " + (otherMarker
                ? "postkit made it for another session or goal (its marker holds another token)"
                : "it carries no postkit marker, so postkit did not make it") + ". If it is not needed, drop it"
                + " yourself (DROP DATABASE \"" + name + "\").");
    }

    private static Optional<CreationMarker> markerOf(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT shobj_description(oid, 'pg_database')"
                + " FROM pg_database WHERE datname = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? CreationMarker.parse(rs.getString(1)) : Optional.empty();
            }
        }
    }
}
