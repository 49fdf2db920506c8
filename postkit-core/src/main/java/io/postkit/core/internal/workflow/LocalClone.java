package io.postkit.core.internal.workflow;

import io.postkit.core.api.PostkitException;
import io.postkit.core.internal.catalog.CatalogReader;
import io.postkit.core.internal.embedded.RunningServer;
import io.postkit.core.internal.local.DatabaseIdentity;
import io.postkit.core.internal.local.LocalDatabases;
import io.postkit.core.internal.migration.MigrationTable;
import io.postkit.core.internal.model.SchemaModel;
import io.postkit.core.internal.state.SessionState;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;

/** The session's clone on its running local server, after proving it is the database the session created. */
public final class LocalClone {

    private final Project project;
    private final RunningServer server;
    private final SessionState session;

    private LocalClone(Project project, RunningServer server, SessionState session) {
        this.project = project;
        this.server = server;
        this.session = session;
    }

    public static LocalClone of(Project project, RunningServer server, SessionState session) throws SQLException {
        LocalDatabases databases = new LocalDatabases(server);
        if (!databases.exists(session.localDatabase())) {
            throw missing(session);
        }
        LocalClone clone = new LocalClone(project, server, session);
        try (Connection c = clone.connect()) {
            if (!DatabaseIdentity.of(c).systemIdentifier().equals(session.localSystemIdentifier())) {
                throw missing(session);
            }
        }
        return clone;
    }

    public Connection connect() throws SQLException {
        return server.connect(session.localDatabase());
    }

    public LocalDatabases databases() {
        return new LocalDatabases(server);
    }

    public DatabaseIdentity identity() {
        return new DatabaseIdentity(session.localSystemIdentifier(), session.localDatabase());
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
