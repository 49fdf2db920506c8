package io.postkit.core.internal.shadow;

import io.postkit.core.api.PostkitLog;
import io.postkit.core.internal.catalog.Extensions;
import io.postkit.core.internal.diff.OwnerRule;
import io.postkit.core.internal.local.LocalDatabases;
import io.postkit.core.internal.local.Purpose;
import io.postkit.core.internal.local.ThrowawayDatabase;
import io.postkit.core.internal.schemafiles.SchemaDirectory;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A temporary database on the local server holding the desired state, built from the schema files by PostgreSQL
 * itself. Dropped on close, whatever happened.
 */
public final class ShadowDatabase implements AutoCloseable {

    private final ThrowawayDatabase database;

    private ShadowDatabase(ThrowawayDatabase database) {
        this.database = database;
    }

    public static ShadowDatabase build(LocalDatabases databases, SchemaDirectory directory,
                                       java.util.Collection<String> schemas, PostkitLog log) throws SQLException {
        return build(databases, directory, schemas, Extensions.NONE, log);
    }

    /**
     * Creates the shadow, installs the current side's {@code extensions}, loads {@code infra/} and the
     * desired-state files into it, and brings the definitions of the managed schemas to the normal form the clone
     * has ({@link DefinitionRoundTrip}).
     */
    public static ShadowDatabase build(LocalDatabases databases, SchemaDirectory directory,
                                       java.util.Collection<String> schemas, Extensions extensions, PostkitLog log)
            throws SQLException {
        ShadowDatabase shadow = new ShadowDatabase(databases.create(Purpose.SHADOW));
        try (Connection c = shadow.connect()) {
            for (Extensions.Extension skipped : extensions.installInto(c, schemas, "the local server")) {
                log.info("Extension " + skipped.name() + " is in schema " + skipped.schema() + ", which the schema"
                        + " files create: create it in infra/ if they use it.");
            }
            new ShadowLoader(log).load(c, directory);
            DefinitionRoundTrip.apply(c, schemas);
        } catch (RuntimeException | SQLException e) {
            shadow.close();
            throw e;
        }
        return shadow;
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
     * user owns is what the schema files gave no owner; without, owners are not compared.
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

    public Connection connect() throws SQLException {
        return database.connect();
    }

    @Override
    public void close() throws SQLException {
        database.close();
    }
}
