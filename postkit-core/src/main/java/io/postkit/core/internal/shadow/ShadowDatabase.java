package io.postkit.core.internal.shadow;

import io.postkit.core.api.PostkitLog;
import io.postkit.core.internal.catalog.Extensions;
import io.postkit.core.internal.diff.OwnerRule;
import io.postkit.core.internal.local.LocalDatabases;
import io.postkit.core.internal.local.Purpose;
import io.postkit.core.internal.local.SandboxRole;
import io.postkit.core.internal.local.ThrowawayDatabase;
import io.postkit.core.internal.schemafiles.SchemaDirectory;
import io.postkit.core.internal.scripts.InfraSandbox;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * A temporary database on the local server holding the desired state, built from the schema files by PostgreSQL
 * itself. Schema files are code from a branch: after {@code infra/} (in an {@code InfraSandbox}), they run as a
 * {@link SandboxRole} that owns only this database; once built, the shadow belongs to the superuser again, as if it
 * had built it, and the role is gone. Dropped on close, whatever happened.
 */
public final class ShadowDatabase implements AutoCloseable {

    private final ThrowawayDatabase database;

    private ShadowDatabase(ThrowawayDatabase database) {
        this.database = database;
    }

    public static ShadowDatabase build(LocalDatabases databases, SchemaDirectory directory,
                                       Collection<String> schemas, PostkitLog log) throws SQLException {
        return build(databases, directory, schemas, Extensions.NONE, log);
    }

    /**
     * Creates the shadow, installs the current side's {@code extensions}, loads {@code infra/} and the
     * desired-state files into it, and brings the definitions of the managed schemas to the normal form the clone
     * has ({@link DefinitionRoundTrip}).
     *
     * @param schemas the managed schemas; empty for every schema the files create ({@code postkit:diff})
     */
    public static ShadowDatabase build(LocalDatabases databases, SchemaDirectory directory,
                                       Collection<String> schemas, Extensions extensions, PostkitLog log)
            throws SQLException {
        ShadowDatabase shadow = new ShadowDatabase(databases.create(Purpose.SHADOW));
        try (Connection admin = shadow.connect()) {
            Collection<String> extensionSchemas = schemas.isEmpty() ? Set.of("public") : schemas;
            for (Extensions.Extension skipped : extensions.installInto(admin, extensionSchemas, "the local server")) {
                log.info("Extension " + skipped.name() + " is in schema " + skipped.schema() + ", which the schema"
                        + " files create: create it in infra/ if they use it.");
            }
            ShadowLoader loader = new ShadowLoader(directory, log);
            loader.loadInfra(admin);
            try (SandboxRole sandbox = SandboxRole.create(databases.server(), shadow.name(), admin,
                    databases.project())) {
                sandbox.ownDatabase();
                // so the files may create in the schemas infra made
                sandbox.admit(InfraSandbox.OWNER);
                try (Connection sandboxed = sandbox.connect()) {
                    loader.loadDesired(admin, sandboxed, sandbox);
                    DefinitionRoundTrip.apply(sandboxed, schemas.isEmpty() ? userSchemas(sandboxed) : schemas);
                }
            }
            InfraSandbox.giveToSuperuser(admin);
        } catch (RuntimeException | SQLException e) {
            try {
                shadow.close();
            } catch (SQLException | RuntimeException dropFailure) {
                e.addSuppressed(dropFailure);
            }
            throw e;
        }
        return shadow;
    }

    /** Every schema but PostgreSQL's own. */
    public static Set<String> userSchemas(Connection c) throws SQLException {
        Set<String> schemas = new TreeSet<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT nspname FROM pg_namespace"
                + " WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')"
                + " AND nspname NOT LIKE 'pg_temp%' AND nspname NOT LIKE 'pg_toast_temp%'")) {
            while (rs.next()) {
                schemas.add(rs.getString(1));
            }
        }
        return schemas;
    }

    public String name() {
        return database.name();
    }

    /** The database itself: closing it drops the shadow as {@link #close()} does. */
    public ThrowawayDatabase database() {
        return database;
    }

    /**
     * How owners are compared with this shadow as the desired side: with {@code manageOwners}, what the shadow's own
     * user owns is what the schema files gave no owner (what the sandbox made is the superuser's once built);
     * without, owners are not compared.
     */
    public static OwnerRule ownerRule(Connection shadow, boolean manageOwners) throws SQLException {
        if (!manageOwners) {
            return OwnerRule.IGNORED;
        }
        try (java.sql.Statement s = shadow.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT current_user")) {
            rs.next();
            return OwnerRule.declared(rs.getString(1));
        }
    }

    /** A superuser connection, for reading the built shadow. */
    public Connection connect() throws SQLException {
        return database.connect();
    }

    @Override
    public void close() throws SQLException {
        database.close();
    }
}
