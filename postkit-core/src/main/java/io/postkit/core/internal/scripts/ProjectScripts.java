package io.postkit.core.internal.scripts;

import io.postkit.core.api.PostkitLog;
import io.postkit.core.internal.migration.MigrationRunner;
import io.postkit.core.internal.schemafiles.FileRole;
import io.postkit.core.internal.schemafiles.SchemaDirectory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * What runs around the migrations on every database postkit migrates: {@code infra/} before them, then
 * {@code grants/} and {@code seeds/} after them, in that order.
 */
public final class ProjectScripts {

    private final InfraScript infra;
    private final GrantScript grants;
    private final SeedRunner seeds;

    /** @param schemas the managed schemas (where seeds may write on a local database) */
    public ProjectScripts(SchemaDirectory directory, List<String> schemas, PostkitLog log) {
        this.infra = new InfraScript(directory.files(FileRole.INFRA), log);
        this.grants = new GrantScript(directory.files(FileRole.GRANTS));
        this.seeds = new SeedRunner(directory.files(FileRole.SEEDS), schemas, log);
    }

    public InfraScript infra() {
        return infra;
    }

    public GrantScript grants() {
        return grants;
    }

    public SeedRunner seeds() {
        return seeds;
    }

    /** Infra, in a transaction of its own: sandboxed where {@code where} says so. */
    public void before(Connection c, ScriptTarget where) throws SQLException {
        infra.run(c, where);
    }

    /**
     * Grants, then seeds, to run in the last migration's transaction: when they fail, it is rolled back with them.
     * The seeds run on the connection the migrations ran on; this is the one place that chooses it.
     *
     * @param where where the seeds run: in a sandbox on a local database, and run twice on the clone
     */
    public MigrationRunner.InTransaction after(ScriptTarget where) {
        return c -> {
            grants.run(c);
            seeds.run(c, where);
        };
    }

    /** Grants and seeds in a transaction of their own, for when no migration runs. */
    public List<String> afterWithoutMigrations(Connection c, ScriptTarget where) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            grants.run(c);
            List<String> warnings = seeds.run(c, where);
            c.commit();
            return warnings;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }
}
