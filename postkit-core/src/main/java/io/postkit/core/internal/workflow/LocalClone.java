package io.postkit.core.internal.workflow;

import io.postkit.core.api.PostkitException;
import io.postkit.core.internal.catalog.CatalogReader;
import io.postkit.core.internal.embedded.RunningServer;
import io.postkit.core.internal.local.CreationMarker;
import io.postkit.core.internal.local.DatabaseIdentity;
import io.postkit.core.internal.local.LocalDatabase;
import io.postkit.core.internal.local.LocalDatabases;
import io.postkit.core.internal.migration.MigrationTable;
import io.postkit.core.internal.model.SchemaModel;
import io.postkit.core.internal.state.SessionState;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;

/**
 * The session's clone on its running local server, after proving it is the database the session created: on the
 * cluster the session recorded, and carrying the creation marker whose token the session holds.
 */
public final class LocalClone {

    private final Project project;
    private final RunningServer server;
    private final LocalDatabase database;

    private LocalClone(Project project, RunningServer server, LocalDatabase database) {
        this.project = project;
        this.server = server;
        this.database = database;
    }

    public static LocalClone of(Project project, RunningServer server, SessionState session) throws SQLException {
        LocalDatabases databases = project.databases(server);
        if (!databases.exists(session.localDatabase())
                || !databases.systemIdentifier().equals(session.localSystemIdentifier())) {
            throw missing(session);
        }
        Optional<CreationMarker> marker = databases.markerOf(session.localDatabase());
        if (session.localToken() == null || marker.isEmpty()
                || !marker.get().token().equals(session.localToken())) {
            throw new PostkitException("Database '" + session.localDatabase() + "' on the local server is not this"
                    + " session's clone (" + (marker.isEmpty() ? "it carries no postkit marker"
                    : "its postkit marker belongs to another session") + "), so postkit does not touch it. Run"
                    + " mvn postkit:abort to end the session, then mvn postkit:start.");
        }
        return new LocalClone(project, server, new LocalDatabase(
                new DatabaseIdentity(session.localSystemIdentifier(), session.localDatabase()), marker.get()));
    }

    public Connection connect() throws SQLException {
        return server.connect(database.name());
    }

    public LocalDatabases databases() {
        return project.databases(server);
    }

    /** The clone as its session knows it: what {@link LocalDatabases#drop} needs to prove before dropping it. */
    public LocalDatabase database() {
        return database;
    }

    public SchemaModel readSchema() throws SQLException {
        try (Connection c = connect()) {
            return new CatalogReader().read(c, project.settings().schemas(),
                    Set.of(MigrationTable.DEFAULT_NAME));
        }
    }

    private static PostkitException missing(SessionState session) {
        return new PostkitException("The session's local clone (database '" + session.localDatabase() + "') is"
                + " missing from the local server; .postkit/local may have been deleted. Run mvn postkit:abort and"
                + " then mvn postkit:start.");
    }
}
