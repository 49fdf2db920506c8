package io.postkit.core.internal.workflow;

import io.postkit.core.api.CloneOptions;
import io.postkit.core.api.RemoteConfig;
import io.postkit.core.internal.clone.ConnectionSource;
import io.postkit.core.internal.clone.NativeCloner;
import io.postkit.core.internal.clone.SourceSnapshot;
import io.postkit.core.internal.embedded.RunningServer;
import io.postkit.core.internal.local.LocalDatabases;
import io.postkit.core.internal.local.Purpose;
import io.postkit.core.internal.local.SchemaTemplates;
import io.postkit.core.internal.local.ThrowawayDatabase;
import io.postkit.core.internal.plan.SchemaFingerprint;
import io.postkit.core.internal.sql.Identifiers;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A local clone of a remote, for a session or a deploy's dry run. Its schema comes from the template kept from the
 * last session clone of the same remote with the same settings when the remote's catalogs are unchanged since (their
 * stamp says so) and its rows are few; else the schema is built, and a session clone keeps a template of it when it
 * qualifies (100 tables or more, 64 MB of rows at most). Either way the clone is the same; a template only saves
 * replaying the schema. The database is dropped on {@link #close()} unless kept.
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
        try (SourceSnapshot snapshot = SourceSnapshot.open(source)) {
            long started = System.nanoTime();
            String made = cloner.mayUseTemplate(snapshot, schemas, options) ? made(snapshot) : null;
            Optional<String> template = made != null ? templates.find(key, made) : Optional.empty();
            long checked = System.nanoTime();
            if (template.isPresent() && copyOf(databases, template.get())) {
                project.log().info(String.format(Locale.ROOT, "The remote's schema is unchanged since the last clone"
                        + " (checked in %.2f s): copied template %s in %.2f s", (checked - started) / 1e9,
                        template.get(), (System.nanoTime() - checked) / 1e9));
                return cloner.fill(snapshot, source, database::connect, schemas, options);
            }
            database = databases.create(purpose);
            NativeCloner.Result result = cloner.clone(snapshot, source, database::connect, schemas, options);
            // A dry run precedes a deploy that changes the remote's schema: its template would never be copied.
            if (made != null && purpose == Purpose.CLONE && result.tables() >= MIN_TABLES_FOR_TEMPLATE) {
                keepTemplate(templates, key, made, result);
            }
            return result;
        }
    }

    /** Whether {@link #database} is now a copy of {@code template}; not when it is gone or being copied. */
    private boolean copyOf(LocalDatabases databases, String template) {
        try {
            database = databases.createFrom(purpose, template);
            return true;
        } catch (SQLException e) {
            project.log().debug("Template " + template + " could not be copied: " + e.getMessage());
            return false;
        }
    }

    /** Best effort: a clone does not fail for want of a template. */
    private void keepTemplate(SchemaTemplates templates, String key, String stamp, NativeCloner.Result result) {
        long started = System.nanoTime();
        try {
            templates.keep(database.name(), key, stamp, tablesWithRows(result));
            project.log().debug(String.format(Locale.ROOT, "Kept a template of the clone's schema in %.2f s",
                    (System.nanoTime() - started) / 1e9));
        } catch (SQLException | RuntimeException e) {
            project.log().debug("No template kept of the clone: " + e.getMessage());
        }
    }

    /** Quoted and qualified, from the rows the clone counted per table. */
    private static List<String> tablesWithRows(NativeCloner.Result result) {
        return result.data().tableRows().entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> Identifiers.quote(e.getKey())).toList();
    }

    /**
     * Which clones a template is kept for: those of one remote (its name and URL without its parameters, which may
     * hold a password), managed schemas and clone options. The key's template is replaced when a clone makes another.
     */
    private String templateKey(RemoteConfig remote) {
        String url = remote.url() == null ? "" : remote.url().replaceFirst("\\?.*$", "");
        return sha256(String.join("\n", remote.name(), url, String.join(",", project.settings().schemas()),
                project.settings().cloneOptions().describe()));
    }

    /**
     * What a template was made from: the remote's catalogs (their stamp) and this build of postkit, which decides
     * what a clone holds; a snapshot build changes without a new version, so the time its classes were built counts.
     */
    private static String made(SourceSnapshot snapshot) throws SQLException {
        Package own = NativeCloner.class.getPackage();
        String build = own.getImplementationVersion() == null ? "development" : own.getImplementationVersion();
        try {
            var location = NativeCloner.class.getProtectionDomain().getCodeSource().getLocation();
            build += " " + new java.io.File(location.toURI()).lastModified();
        } catch (Exception unknown) {
            // the version alone
        }
        return sha256(build + "\n" + snapshot.stamp());
    }

    private static String sha256(String text) {
        return SchemaFingerprint.sha256(text.getBytes(StandardCharsets.UTF_8));
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
