package io.postkit.core.internal.workflow;

import io.postkit.core.api.PostkitException;
import io.postkit.core.api.SqlStatementException;
import io.postkit.core.internal.scripts.ScriptTarget;
import io.postkit.core.internal.local.StubRoles;
import io.postkit.core.internal.migration.MigrationFile;
import io.postkit.core.internal.migration.MigrationRunner;
import io.postkit.core.internal.scripts.ProjectScripts;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Builds what committed migrations give, in an empty database of the local server: infra, then the migrations in
 * version order. Roles they name that infra does not create are made as stubs, as the shadow makes them.
 */
public final class CommittedReplay {

    private static final int MAX_STUB_ROLES = 50;

    private final Project project;
    private final ProjectScripts scripts;

    public CommittedReplay(Project project, ProjectScripts scripts) {
        this.project = project;
        this.scripts = scripts;
    }

    public void replay(Connection c, List<MigrationFile> migrations) throws SQLException {
        project.migrationTable().ensureExists(c);
        try {
            scripts.before(c, ScriptTarget.DRY_RUN);
        } catch (SqlStatementException e) {
            throw new PostkitException("Running infra/ on an empty database failed:\n" + e.getMessage(), e);
        }
        MigrationRunner runner = new MigrationRunner(project.migrationTable(), project.log());
        for (MigrationFile migration : migrations) {
            run(runner, c, migration);
        }
    }

    private void run(MigrationRunner runner, Connection c, MigrationFile migration) throws SQLException {
        for (int stubs = 0; ; stubs++) {
            try {
                runner.run(c, migration, migration.upStatements(ProjectState.committedMigrationPath(migration)), null,
                        null);
                return;
            } catch (SqlStatementException e) {
                String role = e.getCause() instanceof SQLException cause ? StubRoles.missingRole(cause) : null;
                if (role == null || stubs >= MAX_STUB_ROLES) {
                    throw new PostkitException("Replaying the committed migrations on an empty database failed at "
                            + migration.fileName() + ":\n" + e.getMessage() + "\nThe history does not build from"
                            + " empty: a migration depends on something no earlier migration or infra/ creates.", e);
                }
                StubRoles.create(c, role);
            }
        }
    }
}
