package io.postkit.core.workflow;

import io.postkit.core.PostkitException;
import io.postkit.core.catalog.CatalogReader;
import io.postkit.core.embedded.RunningServer;
import io.postkit.core.local.DatabaseIdentity;
import io.postkit.core.local.LocalDatabases;
import io.postkit.core.model.SchemaModel;
import io.postkit.core.state.SessionState;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;

/** The session's clone on its running local server, after proving it is the database the session created. */
final class LocalClone {

    private final Workspace workspace;
    private final RunningServer server;
    private final SessionState session;

    private LocalClone(Workspace workspace, RunningServer server, SessionState session) {
        this.workspace = workspace;
        this.server = server;
        this.session = session;
    }

    static LocalClone of(Workspace workspace, RunningServer server, SessionState session) throws SQLException {
        LocalDatabases databases = new LocalDatabases(server);
        if (!databases.exists(session.localDatabase())) {
            throw missing(session);
        }
        LocalClone clone = new LocalClone(workspace, server, session);
        try (Connection c = clone.connect()) {
            if (!DatabaseIdentity.of(c).systemIdentifier().equals(session.localSystemIdentifier())) {
                throw missing(session);
            }
        }
        return clone;
    }

    Connection connect() throws SQLException {
        return server.connect(session.localDatabase());
    }

    LocalDatabases databases() {
        return new LocalDatabases(server);
    }

    DatabaseIdentity identity() {
        return new DatabaseIdentity(session.localSystemIdentifier(), session.localDatabase());
    }

    SchemaModel readSchema() throws SQLException {
        try (Connection c = connect()) {
            return new CatalogReader().read(c, workspace.settings().schemas(),
                    Set.of(workspace.settings().migrationTableName()));
        }
    }

    private static PostkitException missing(SessionState session) {
        return new PostkitException("The session's local clone (database '" + session.localDatabase() + "') is"
                + " missing from the local server; .postkit/local may have been deleted. Run mvn postkit:abort and"
                + " then mvn postkit:start.");
    }
}
