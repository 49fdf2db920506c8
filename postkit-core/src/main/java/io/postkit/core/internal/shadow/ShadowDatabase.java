package io.postkit.core.internal.shadow;

import io.postkit.core.api.PostkitLog;
import io.postkit.core.internal.catalog.Extensions;
import io.postkit.core.internal.diff.OwnerRule;
import io.postkit.core.internal.local.DatabaseIdentity;
import io.postkit.core.internal.local.LocalDatabases;
import io.postkit.core.internal.schemafiles.SchemaDirectory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;

/**
 * A temporary database on the local server holding the desired state, built from the schema files by PostgreSQL
 * itself. Dropped on close, whatever happened.
 */
public final class ShadowDatabase implements AutoCloseable {

    private final LocalDatabases databases;
    private final DatabaseIdentity identity;

    private ShadowDatabase(LocalDatabases databases, DatabaseIdentity identity) {
        this.databases = databases;
        this.identity = identity;
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
        String name = "postkit_shadow_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        ShadowDatabase shadow = new ShadowDatabase(databases, databases.create(name));
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

    public DatabaseIdentity identity() {
        return identity;
    }

    public Connection connect() throws SQLException {
        return databases.server().connect(identity.database());
    }

    @Override
    public void close() throws SQLException {
        databases.drop(identity);
    }
}
