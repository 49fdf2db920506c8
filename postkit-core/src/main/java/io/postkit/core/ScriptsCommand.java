package io.postkit.core;

import io.postkit.core.api.PostkitException;
import io.postkit.core.api.RemoteConfig;
import io.postkit.core.api.SqlStatementException;
import io.postkit.core.api.Workspace;
import io.postkit.core.internal.embedded.RunningServer;
import io.postkit.core.internal.schemafiles.FileRole;
import io.postkit.core.internal.schemafiles.SchemaDirectory;
import io.postkit.core.internal.schemafiles.SchemaFile;
import io.postkit.core.internal.scripts.GrantScript;
import io.postkit.core.internal.scripts.InfraScript;
import io.postkit.core.internal.scripts.ScriptTarget;
import io.postkit.core.internal.scripts.SeedRunner;
import io.postkit.core.internal.state.SessionState;
import io.postkit.core.internal.workflow.LocalClone;
import io.postkit.core.internal.workflow.Project;
import io.postkit.core.internal.workflow.ProjectState;
import io.postkit.core.internal.workflow.RemoteWriteConsent;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * {@code postkit:infra}, {@code postkit:grants} and {@code postkit:seed}: print the SQL of the schema directory's
 * {@code infra/}, {@code grants/} or {@code seeds/} files; with {@code apply}, run it, in one transaction, on the
 * session's local clone or on a remote (which asks first, as a deploy does).
 */
public final class ScriptsCommand {

    /** Which files: {@code infra/}, {@code grants/} (and {@code policies/}), {@code seeds/} (and {@code seed/}). */
    public enum Kind {
        INFRA("infra/"), GRANTS("grants/"), SEEDS("seeds/");

        private final String folder;

        Kind(String folder) {
            this.folder = folder;
        }

        public String folder() {
            return folder;
        }
    }

    /**
     * @param apply  run the SQL; otherwise it is only printed
     * @param remote run it on this remote instead of the local clone; null for the clone
     * @param yes    consent to change the remote given in advance (batch mode)
     */
    public record Request(Kind kind, boolean apply, String remote, boolean yes) {
    }

    /**
     * @param files    the files, as paths relative to the project
     * @param target   where the SQL ran ("local clone" or "remote 'name'"), or null when it was only printed
     * @param warnings seeds that changed rows when run a second time on the clone
     */
    public record Result(Kind kind, List<String> files, String target, List<String> warnings) {
    }

    private final Project project;

    public ScriptsCommand(Workspace workspace) {
        this.project = new Project(workspace);
    }

    public Result run(Request request) {
        List<SchemaFile> files = SchemaDirectory.read(project.settings().baseDir(), project.settings().schemaDir())
                .files(role(request.kind()));
        List<String> paths = files.stream().map(SchemaFile::path).toList();
        if (files.isEmpty()) {
            project.log().info("No " + request.kind().folder() + " files in "
                    + project.settings().displayPath(project.settings().schemaDir()) + "; nothing to do.");
            return new Result(request.kind(), paths, null, List.of());
        }
        files.forEach(f -> project.log().info("-- " + f.path() + "\n" + f.content().strip()));
        if (!request.apply()) {
            project.log().info("Printed only. Run it with -Dpostkit.apply: on the local clone, or on a remote with"
                    + " -Dpostkit.remote=<name>.");
            return new Result(request.kind(), paths, null, List.of());
        }
        try {
            return request.remote() == null || request.remote().isBlank()
                    ? onClone(request.kind(), files, paths) : onRemote(request, files, paths);
        } catch (SQLException e) {
            throw new PostkitException("Running " + request.kind().folder() + " failed: " + e.getMessage(), e);
        }
    }

    private Result onClone(Kind kind, List<SchemaFile> files, List<String> paths) throws SQLException {
        ProjectState state = project.state();
        try (var lock = state.lock()) {
            SessionState session = state.session().orElseThrow(() -> new PostkitException("No active session, so"
                    + " there is no local clone to run " + kind.folder() + " on. Run mvn postkit:start first, or"
                    + " choose a remote with -Dpostkit.remote=<name>."));
            try (RunningServer server = project.localServers().start(session.remoteMajor());
                 Connection c = LocalClone.of(project, server, session).connect()) {
                List<String> warnings = runIn(c, kind, files, ScriptTarget.CLONE, "the local clone");
                project.log().info("Ran " + kind.folder() + " on the local clone.");
                return new Result(kind, paths, "local clone", warnings);
            }
        }
    }

    private Result onRemote(Request request, List<SchemaFile> files, List<String> paths) throws SQLException {
        RemoteConfig remote = project.settings().remote(request.remote());
        String folder = request.kind().folder();
        RemoteWriteConsent consent = RemoteWriteConsent.check(project, remote, request.yes(), "Running " + folder
                + " on");
        try (Connection c = project.openRemote(remote)) {
            consent.confirm("Run " + folder + " (" + files.size() + " file(s)) on remote '" + remote.name() + "'?");
            List<String> warnings = runIn(c, request.kind(), files, ScriptTarget.REMOTE,
                    "remote '" + remote.name() + "'");
            project.log().info("Ran " + folder + " on remote '" + remote.name() + "'.");
            return new Result(request.kind(), paths, "remote '" + remote.name() + "'", warnings);
        }
    }

    /** All of it in one transaction: a failure leaves the database as it was. */
    private List<String> runIn(Connection c, Kind kind, List<SchemaFile> files, ScriptTarget target, String where)
            throws SQLException {
        c.setAutoCommit(false);
        try {
            List<String> warnings = switch (kind) {
                case INFRA -> {
                    new InfraScript(files, project.log()).run(c, target);
                    yield List.of();
                }
                case GRANTS -> {
                    new GrantScript(files).run(c);
                    yield List.of();
                }
                case SEEDS -> new SeedRunner(files, project.settings().schemas(), project.log()).run(c, target);
            };
            c.commit();
            return warnings;
        } catch (SqlStatementException e) {
            c.rollback();
            throw new PostkitException("Running " + kind.folder() + " on " + where + " failed; it was rolled back and"
                    + " " + where + " is unchanged:\n" + e.getMessage(), e);
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private static FileRole role(Kind kind) {
        return switch (kind) {
            case INFRA -> FileRole.INFRA;
            case GRANTS -> FileRole.GRANTS;
            case SEEDS -> FileRole.SEEDS;
        };
    }
}
