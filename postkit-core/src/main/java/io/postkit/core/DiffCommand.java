package io.postkit.core;

import io.postkit.core.api.Host;

import io.postkit.core.api.PostkitException;
import io.postkit.core.api.PostkitLog;
import io.postkit.core.internal.catalog.Extensions;
import io.postkit.core.internal.catalog.CatalogReader;
import io.postkit.core.internal.clone.NativeCloner;
import io.postkit.core.internal.config.JdbcUrl;
import io.postkit.core.api.RemoteConfig;
import io.postkit.core.internal.connect.RemoteConnector;
import io.postkit.core.internal.diff.SchemaDiff;
import io.postkit.core.internal.embedded.EmbeddedPostgres;
import io.postkit.core.api.PostgresVersions;
import io.postkit.core.internal.embedded.RunningServer;
import io.postkit.core.internal.embedded.ServerSettings;
import io.postkit.core.internal.embedded.ServerUser;
import io.postkit.core.internal.workflow.ServerVersion;
import io.postkit.core.internal.local.DatabaseIdentity;
import io.postkit.core.internal.local.LocalDatabases;
import io.postkit.core.internal.migration.MigrationTable;
import io.postkit.core.internal.model.SchemaModel;
import io.postkit.core.internal.plan.PlanText;
import io.postkit.core.internal.render.SqlRenderer;
import io.postkit.core.internal.schemafiles.SchemaDirectory;
import io.postkit.core.internal.shadow.DefinitionRoundTrip;
import io.postkit.core.internal.shadow.ShadowDatabase;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * {@code postkit:diff}: the SQL that turns {@code from} into {@code to}, each a JDBC URL or a {@code .sql} file or
 * folder. No project needed. Both sides are built on an embedded server (a database is cloned schema-only, files
 * are run in a shadow) so they are compared in the same normal form.
 */
public final class DiffCommand {

    /**
     * @param pgVersion the major of the embedded server, or null: the JDBC side's, else the newest supported
     * @param schemas   the schemas to compare, or empty for every non-system schema on either side
     */
    public record Request(String from, String to, Integer pgVersion, List<String> schemas) {
    }

    private final Host host;
    private final Path workDir;

    /** Keeps the embedded server's data where the server user can reach it ({@code ~/.postkit/diff}). */
    public DiffCommand(Host host) {
        this(host, ServerUser.of(host.machine()).diffWorkRoot());
    }

    /** @param workDir where the embedded server keeps its data between runs */
    public DiffCommand(Host host, Path workDir) {
        this.host = host;
        this.workDir = workDir;
    }

    public String run(Request request) {
        Source from = Source.parse(request.from(), "from");
        Source to = Source.parse(request.to(), "to");
        int major = major(request, from, to);
        EmbeddedPostgres postgres = EmbeddedPostgres.of(host.binaries(), major, workDir.resolve("pg" + major),
                ServerUser.of(host.machine()), ServerSettings.throwawayClone(), host.log());
        try (RunningServer server = postgres.start()) {
            LocalDatabases databases = new LocalDatabases(server);
            List<DatabaseIdentity> built = new ArrayList<>();
            try {
                Extensions extensions = extensionsOf(from, to);
                DatabaseIdentity a = build(from, databases, request.schemas(), built, extensions);
                DatabaseIdentity b = build(to, databases, request.schemas(), built, extensions);
                Set<String> schemas = schemas(request, server, a, b);
                SchemaModel current = read(server, a, schemas);
                SchemaModel desired = read(server, b, schemas);
                return PlanText.sql(SqlRenderer.renderAll(SchemaDiff.between(current, desired)));
            } finally {
                for (DatabaseIdentity identity : built) {
                    databases.drop(identity);
                }
            }
        } catch (SQLException e) {
            throw new PostkitException("postkit:diff failed on the embedded server: " + e.getMessage(), e);
        }
    }

    /** A side built from files gets the extensions of a database side, as a shadow gets the clone's. */
    private Extensions extensionsOf(Source from, Source to) throws SQLException {
        for (Source source : List.of(from, to)) {
            if (source.url() != null) {
                try (Connection c = source.connection(host)) {
                    return Extensions.installedIn(c);
                }
            }
        }
        return Extensions.NONE;
    }

    private DatabaseIdentity build(Source source, LocalDatabases databases, List<String> schemas,
                                   List<DatabaseIdentity> built, Extensions extensions) throws SQLException {
        if (source.url() != null) {
            String name = "postkit_diff_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            DatabaseIdentity identity = databases.create(name);
            built.add(identity);
            Set<String> cloned;
            try (Connection c = source.connection(host)) {
                cloned = schemas.isEmpty() ? userSchemas(c) : Set.copyOf(schemas);
            }
            new NativeCloner(1, PostkitLog.SILENT).clone(() -> source.connection(host),
                    () -> databases.server().connect(name), cloned, false);
            return identity;
        }
        SchemaDirectory files = Files.isDirectory(source.path()) ? SchemaDirectory.read(source.path(), source.path())
                : SchemaDirectory.ofFile(source.path());
        ShadowDatabase shadow = ShadowDatabase.build(databases, files, schemas.isEmpty() ? List.of("public")
                : schemas, extensions, host.log());
        built.add(shadow.identity());
        if (schemas.isEmpty()) {
            try (Connection c = shadow.connect()) {
                DefinitionRoundTrip.apply(c, userSchemas(c));
            }
        }
        return shadow.identity();
    }

    private int major(Request request, Source from, Source to) {
        if (request.pgVersion() != null) {
            PostgresVersions.pinned(request.pgVersion());
            return request.pgVersion();
        }
        for (Source source : List.of(from, to)) {
            if (source.url() != null) {
                return source.major(host);
            }
        }
        return PostgresVersions.newestMajor();
    }

    private static Set<String> schemas(Request request, RunningServer server, DatabaseIdentity a,
                                       DatabaseIdentity b) throws SQLException {
        if (!request.schemas().isEmpty()) {
            return Set.copyOf(request.schemas());
        }
        Set<String> all = new TreeSet<>();
        for (DatabaseIdentity db : List.of(a, b)) {
            try (Connection c = server.connect(db.database())) {
                all.addAll(userSchemas(c));
            }
        }
        return all;
    }

    /** Every non-system schema; the caller owns the connection. */
    private static Set<String> userSchemas(Connection c) throws SQLException {
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

    /** The migration table is postkit's (and dbmate's) bookkeeping, not schema: a migrated remote has one. */
    private static SchemaModel read(RunningServer server, DatabaseIdentity db, Set<String> schemas)
            throws SQLException {
        try (Connection c = server.connect(db.database())) {
            return new CatalogReader().read(c, schemas, Set.of(MigrationTable.DEFAULT_NAME));
        }
    }

    /** One side of a diff: a database (credentials from the environment or ~/.pgpass) or SQL files. */
    record Source(String url, Path path, String label) {

        static Source parse(String value, String label) {
            if (value == null || value.isBlank()) {
                throw new PostkitException("postkit:diff needs -Dpostkit." + label + "=<jdbc:postgresql://… URL, or a"
                        + " .sql file or folder>.");
            }
            if (value.startsWith("jdbc:")) {
                JdbcUrl.parse(value, label);
                return new Source(value, null, label);
            }
            Path path = Path.of(value);
            if (!Files.exists(path)) {
                throw new PostkitException("postkit:diff: " + label + " " + value + " is neither a JDBC URL nor an"
                        + " existing .sql file or folder.");
            }
            return new Source(null, path, label);
        }

        /** The side opened like a remote named after it ("from", "to"), with the same messages on failure. */
        Connection connection(Host host) {
            return RemoteConnector.forUrls(host).open(new RemoteConfig(label, url, null, false, false));
        }

        int major(Host host) {
            try (Connection c = connection(host)) {
                return ServerVersion.of(c).major();
            } catch (SQLException e) {
                throw new PostkitException("postkit:diff cannot read the version of " + label + ": " + e.getMessage(),
                        e);
            }
        }
    }
}
