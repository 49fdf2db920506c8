package io.postkit.core.internal.workflow;

import io.postkit.core.api.CloneOptions;
import io.postkit.core.api.RemoteConfig;
import io.postkit.core.internal.clone.ConnectionSource;
import io.postkit.core.internal.clone.NativeCloner;
import io.postkit.core.internal.embedded.RunningServer;
import io.postkit.core.internal.local.LocalDatabases;
import io.postkit.core.internal.local.Purpose;
import io.postkit.core.internal.local.SchemaTemplates;
import io.postkit.core.internal.local.ThrowawayDatabase;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A local clone of a remote, for a session or a deploy's dry run. Its schema comes from the template kept from the
 * last clone of the same remote with the same settings when the remote's catalogs are unchanged since (their stamp
 * says so) and its rows are few; else the schema is built, and a template kept of it when it qualifies. Either way
 * the clone is the same; a template only saves replaying the schema. The database is dropped on {@link #close()}
 * unless kept.
 */
public final class RemoteClone implements AutoCloseable {

    /** Below this, building the schema takes well under a second: a template would save little and cost a copy. */
    static final int MIN_TABLES_FOR_TEMPLATE = 100;

    private final Project project;
    private final RunningServer server;
    private final Purpose purpose;
    private ThrowawayDatabase database;

    private RemoteClone(Project project, RunningServer server, Purpose purpose) {
        this.project = project;
        this.server = server;
        this.purpose = purpose;
    }

    public static RemoteClone of(Project project, RunningServer server, Purpose purpose) {
        return new RemoteClone(project, server, purpose);
    }

    /** Clones {@code remote} into a new local database: {@link #database()} from now on. */
    public NativeCloner.Result copy(RemoteConfig remote) throws SQLException {
        LocalDatabases databases = project.databases(server);
        SchemaTemplates templates = new SchemaTemplates(databases);
        CloneOptions options = project.settings().cloneOptions();
        List<String> schemas = project.settings().schemas();
        ConnectionSource source = () -> project.openRemote(remote);
        NativeCloner cloner = new NativeCloner(project.settings().cloneWorkers(), project.log());
        String key = templateKey(remote);
        Optional<String> stamp = cloner.templateStamp(source, schemas, options);
        Optional<String> template = stamp.isPresent() ? templates.find(key, stamp.get()) : Optional.empty();
        if (template.isPresent()) {
            Optional<NativeCloner.Result> filled = fromTemplate(databases, cloner, source, template.get(),
                    stamp.get());
            if (filled.isPresent()) {
                return filled.get();
            }
        }
        database = databases.create(purpose);
        NativeCloner.Result result = cloner.clone(source, database::connect, schemas, options);
        if (result.tables() >= MIN_TABLES_FOR_TEMPLATE && NativeCloner.fitsTemplate(result, options)) {
            keepTemplate(templates, key, result);
        }
        return result;
    }

    /** The clone from a template, or empty when the template could not be used (nothing is left of the try). */
    private Optional<NativeCloner.Result> fromTemplate(LocalDatabases databases, NativeCloner cloner,
                                                       ConnectionSource source, String template, String stamp)
            throws SQLException {
        try {
            database = databases.createFrom(purpose, template);
        } catch (SQLException e) {
            // dropped or being copied by another goal at this moment: build the schema instead
            project.log().debug("Template " + template + " could not be copied: " + e.getMessage());
            return Optional.empty();
        }
        try {
            project.log().info("The remote's schema is unchanged since the last clone: copying it from template "
                    + template);
            return Optional.of(cloner.fill(source, database::connect, project.settings().schemas(),
                    project.settings().cloneOptions(), stamp));
        } catch (NativeCloner.StaleTemplate e) {
            project.log().info("The remote's schema changed while the template was copied; building it instead");
            database.close();
            database = null;
            return Optional.empty();
        }
    }

    /** Best effort: a clone does not fail for want of a template. */
    private void keepTemplate(SchemaTemplates templates, String key, NativeCloner.Result result) {
        long started = System.nanoTime();
        try {
            templates.keep(database.name(), key, result.stamp(), tablesWithRows(result));
            project.log().debug(String.format(java.util.Locale.ROOT, "Kept a template of the clone's schema in %.2f s",
                    (System.nanoTime() - started) / 1e9));
        } catch (SQLException | RuntimeException e) {
            project.log().debug("No template kept of the clone: " + e.getMessage());
        }
    }

    private List<String> tablesWithRows(NativeCloner.Result result) throws SQLException {
        if (result.data().rows() == 0) {
            return List.of();
        }
        List<String> tables = new ArrayList<>();
        try (Connection c = database.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c"
                     + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r'"
                     + " AND n.nspname <> 'information_schema' AND n.nspname !~ '^pg_'"
                     + " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass"
                     + " AND d.objid = c.oid AND d.deptype = 'e') ORDER BY 1")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    /**
     * What makes one template stand for a clone: the remote (name and URL without its parameters, which may hold a
     * password), the managed schemas, the clone options and this build of postkit (it decides what a clone holds).
     */
    private String templateKey(RemoteConfig remote) {
        String url = remote.url() == null ? "" : remote.url().replaceFirst("\\?.*$", "");
        String key = String.join("\n", remote.name(), url, String.join(",", project.settings().schemas()),
                project.settings().cloneOptions().describe(), build());
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    /** This postkit's version, and when its classes were built: a snapshot build changes without a new version. */
    private static String build() {
        Package own = NativeCloner.class.getPackage();
        String version = own.getImplementationVersion() == null ? "development" : own.getImplementationVersion();
        try {
            var location = NativeCloner.class.getProtectionDomain().getCodeSource().getLocation();
            return version + " " + new java.io.File(location.toURI()).lastModified();
        } catch (Exception e) {
            return version;
        }
    }

    public ThrowawayDatabase database() {
        return database;
    }

    @Override
    public void close() throws SQLException {
        if (database != null) {
            database.close();
        }
    }
}
