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
import io.postkit.core.internal.diff.ExtensionDiff;
import io.postkit.core.internal.diff.PrintedForms;
import io.postkit.core.internal.diff.SchemaChange;
import io.postkit.core.internal.diff.SchemaDiff;
import io.postkit.core.internal.embedded.EmbeddedPostgres;
import io.postkit.core.api.PostgresVersions;
import io.postkit.core.internal.embedded.RunningServer;
import io.postkit.core.internal.embedded.ServerLease;
import io.postkit.core.internal.embedded.ServerSettings;
import io.postkit.core.internal.embedded.ServerUser;
import io.postkit.core.internal.workflow.ServerVersion;
import io.postkit.core.internal.local.Leftovers;
import io.postkit.core.internal.local.LocalDatabases;
import io.postkit.core.internal.local.Purpose;
import io.postkit.core.internal.local.ThrowawayDatabase;
import io.postkit.core.internal.migration.MigrationTable;
import io.postkit.core.internal.model.SchemaModel;
import io.postkit.core.internal.plan.PlanText;
import io.postkit.core.internal.render.SqlRenderer;
import io.postkit.core.internal.schemafiles.SchemaDirectory;
import io.postkit.core.internal.shadow.ShadowDatabase;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code postkit:diff}: the SQL that turns {@code from} into {@code to}, each a JDBC URL or a {@code .sql} file or
 * folder. No project needed. Both sides are built on an embedded server (a database is cloned schema-only, files
 * are run in a shadow) so they are compared in the same normal form. It compares two whole databases, so unlike a
 * plan its output creates and drops extensions too, and it is a script for {@code psql -f} as it stands
 * ({@link PlanText#script}).
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
        if (from.url() != null && to.url() != null) {
            int fromMajor = from.major(host);
            if (fromMajor == to.major(host) && (request.pgVersion() == null || request.pgVersion() == fromMajor)) {
                Optional<String> inPlace = readInPlace(request, from, to);
                if (inPlace.isPresent()) {
                    return inPlace.get();
                }
            }
        }
        int major = major(request, from, to);
        EmbeddedPostgres postgres = EmbeddedPostgres.of(host.binaries(), major, workDir.resolve("pg" + major),
                ServerUser.of(host.machine()), ServerSettings.throwawayClone(), host.log());
        try (RunningServer server = ServerLease.acquire(postgres, host.log())) {
            LocalDatabases databases = new LocalDatabases(server);
            new Leftovers(databases, marker -> true).remove(host.log());
            Extensions extensions = extensionsOf(from, to);
            try (ThrowawayDatabase a = build(from, databases, request.schemas(), extensions);
                 ThrowawayDatabase b = build(to, databases, request.schemas(), extensions)) {
                Set<String> schemas = schemas(request, server, a.name(), b.name());
                SchemaModel current = read(server, a.name(), schemas);
                SchemaModel desired = read(server, b.name(), schemas);
                Extensions fromExtensions = from.url() != null ? extensions(server, a.name())
                        : declaredOnly(extensions(server, a.name()), extensions);
                List<SchemaChange> changes = ExtensionDiff.merged(SchemaDiff.between(current, desired),
                        ExtensionDiff.between(fromExtensions, extensions(server, b.name()), schemas));
                return PlanText.script(SqlRenderer.renderAll(changes));
            }
        } catch (SQLException e) {
            throw new PostkitException("postkit:diff failed on the embedded server: " + e.getMessage(), e);
        }
    }

    /**
     * Two databases of the same major are read where they are, both at once, when that gives the same answer as
     * copying them: a printed expression (a check, default, index, view, trigger, policy) is not always a fixed point
     * of PostgreSQL's printer ({@code varchar IN (...)} prints differently once created again from its print), so one
     * database built from the other's migrations may print the same expression differently. When the two may hold
     * such a pair ({@link PrintedForms}), both sides are copied to the embedded server after all, where both go
     * through the printer the same way; empty when that is needed.
     */
    private Optional<String> readInPlace(Request request, Source from, Source to) {
        try (Connection a = from.connection(host); Connection b = to.connection(host)) {
            Set<String> schemas = new TreeSet<>(request.schemas());
            if (schemas.isEmpty()) {
                schemas.addAll(ShadowDatabase.userSchemas(a));
                schemas.addAll(ShadowDatabase.userSchemas(b));
            }
            CatalogReader.Sides sides = new CatalogReader().readBoth(a, b, schemas,
                    Set.of(MigrationTable.DEFAULT_NAME));
            if (PrintedForms.mayDifferOnlyInPrint(sides.current(), sides.desired())) {
                host.log().debug("The databases may print one expression two ways: both are copied to compare them");
                return Optional.empty();
            }
            List<SchemaChange> changes = ExtensionDiff.merged(SchemaDiff.between(sides.current(), sides.desired()),
                    ExtensionDiff.between(Extensions.installedIn(a), Extensions.installedIn(b), schemas));
            return Optional.of(PlanText.script(SqlRenderer.renderAll(changes)));
        } catch (SQLException e) {
            throw new PostkitException("postkit:diff failed reading the catalogs of from and to: " + e.getMessage(),
                    e);
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

    /** The side built in a database of its own on the embedded server, dropped when closed. */
    private ThrowawayDatabase build(Source source, LocalDatabases databases, List<String> schemas, Extensions extensions)
            throws SQLException {
        if (source.url() != null) {
            ThrowawayDatabase side = databases.create(Purpose.DIFF);
            try {
                Set<String> cloned;
                try (Connection c = source.connection(host)) {
                    cloned = schemas.isEmpty() ? ShadowDatabase.userSchemas(c) : new TreeSet<>(schemas);
                }
                new NativeCloner(1, PostkitLog.SILENT).clone(() -> source.connection(host), side::connect, cloned,
                        false);
                return side;
            } catch (SQLException | RuntimeException e) {
                closeAfterFailure(side, e);
                throw e;
            }
        }
        SchemaDirectory files = Files.isDirectory(source.path()) ? SchemaDirectory.read(source.path(), source.path())
                : SchemaDirectory.ofFile(source.path());
        return ShadowDatabase.build(databases, files, schemas, extensions, host.log()).database();
    }

    private static void closeAfterFailure(AutoCloseable side, Exception failure) {
        try {
            side.close();
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
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

    private static Set<String> schemas(Request request, RunningServer server, String a, String b)
            throws SQLException {
        if (!request.schemas().isEmpty()) {
            return new TreeSet<>(request.schemas());
        }
        Set<String> all = new TreeSet<>();
        for (String db : List.of(a, b)) {
            try (Connection c = server.connect(db)) {
                all.addAll(ShadowDatabase.userSchemas(c));
            }
        }
        return all;
    }

    /**
     * A side built from files borrows the database side's extensions, which it cannot declare (only infra/ can). As
     * {@code from} it counts only those it declares, so the output creates the others ({@code IF NOT EXISTS}); as
     * {@code to} it counts all, so the output never drops one the files may use.
     */
    private static Extensions declaredOnly(Extensions installed, Extensions borrowed) {
        return new Extensions(installed.extensions().stream().filter(e -> !borrowed.extensions().contains(e))
                .toList());
    }

    private static Extensions extensions(RunningServer server, String db) throws SQLException {
        try (Connection c = server.connect(db)) {
            return Extensions.installedIn(c);
        }
    }

    /** The migration table is postkit's (and dbmate's) bookkeeping, not schema: a migrated remote has one. */
    private static SchemaModel read(RunningServer server, String db, Set<String> schemas)
            throws SQLException {
        try (Connection c = server.connect(db)) {
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
