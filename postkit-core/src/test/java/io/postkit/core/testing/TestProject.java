package io.postkit.core.testing;

import io.postkit.core.api.CloneOptions;
import io.postkit.core.api.PostkitLog;
import io.postkit.core.api.ProjectSettings;
import io.postkit.core.api.RemoteConfig;
import io.postkit.core.api.Confirmation;
import io.postkit.core.api.Host;
import io.postkit.core.api.ServerCredentials;
import io.postkit.core.api.Workspace;

import java.io.IOException;
import java.sql.SQLException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A project folder under {@code target/test-work} whose only remote is a test database. */
public final class TestProject {

    private final Path dir;
    private final TestDatabase remote;

    private TestProject(Path dir, TestDatabase remote) {
        this.dir = dir;
        this.remote = remote;
    }

    public static TestProject create(String name, TestDatabase remote) throws IOException {
        return createIn(TestPostgres.workDir().resolve("projects"), name, remote);
    }

    /** A project in a folder of {@code parent}, e.g. one the PostgreSQL OS user cannot enter. */
    public static TestProject createIn(Path parent, String name, TestDatabase remote) throws IOException {
        Path dir = parent.resolve(name + "-" + System.nanoTime());
        Files.createDirectories(dir.resolve("db/schema"));
        return new TestProject(dir, remote);
    }

    /**
     * A project whose remote is a new database of {@code major} holding {@code remoteSql}, with one schema file
     * {@code schemaSql}: the usual start of a workflow test.
     */
    public static TestProject withRemote(String name, int major, String remoteSql, String schemaSql)
            throws SQLException, IOException {
        TestDatabase remote = TestPostgres.freshDatabase(major);
        remote.execute(remoteSql);
        TestProject project = create(name + "-" + major, remote);
        project.schemaFile("schema.sql", schemaSql);
        return project;
    }

    public TestDatabase remote() {
        return remote;
    }

    public Path dir() {
        return dir;
    }

    public Path schemaDir() {
        return dir.resolve("db/schema");
    }

    /** Writes a desired-state file (replacing any earlier one of that name). */
    public void schemaFile(String relativePath, String sql) throws IOException {
        Path file = schemaDir().resolve(relativePath);
        Files.createDirectories(file.getParent());
        Files.writeString(file, sql);
    }

    public Workspace workspace() {
        return workspace(PostkitLog.SILENT);
    }

    public Workspace workspace(PostkitLog log) {
        return workspace(log, false, false);
    }

    /** A workspace whose plans are made in online mode ({@code -Dpostkit.online}). */
    public Workspace onlineWorkspace() {
        return workspace(PostkitLog.SILENT, true, false);
    }

    /** A workspace whose plans manage owners ({@code -Dpostkit.manageOwners}). */
    public Workspace ownersWorkspace() {
        return workspace(PostkitLog.SILENT, false, true);
    }

    /** A workspace with more remotes than the test database ("test", the default). */
    public Workspace workspace(PostkitLog log, List<RemoteConfig> moreRemotes) {
        return workspace(log, false, false, moreRemotes);
    }

    /** A workspace whose clones copy what {@code options} say. */
    public Workspace workspace(CloneOptions options, PostkitLog log) {
        Workspace plain = workspace(log, false, false);
        return new Workspace(plain.settings().withClone(options), plain.host());
    }

    private Workspace workspace(PostkitLog log, boolean online, boolean manageOwners) {
        return workspace(dir, remote.url(), log, online, manageOwners, Map.of(), List.of());
    }

    private Workspace workspace(PostkitLog log, boolean online, boolean manageOwners, List<RemoteConfig> more) {
        return workspace(dir, remote.url(), log, online, manageOwners, Map.of(), more);
    }

    /** The workspace of a project folder whose only remote ("test") is {@code remoteUrl}. */
    public static Workspace workspace(Path dir, String remoteUrl, PostkitLog log, boolean online,
                                      boolean manageOwners, Map<String, String> environment) {
        return workspace(dir, remoteUrl, log, online, manageOwners, environment, List.of());
    }

    /**
     * The workspace of a project folder whose remote "test" (the default) is {@code remoteUrl}, as tests and child
     * JVMs ({@link GoalMain}) build it.
     *
     * @param environment added to the machine's environment (e.g. a pause point for a fault-injection test)
     * @param more        more remotes than "test"
     */
    public static Workspace workspace(Path dir, String remoteUrl, PostkitLog log, boolean online,
                                      boolean manageOwners, Map<String, String> environment,
                                      List<RemoteConfig> more) {
        return workspace(dir, remoteUrl, log, online, manageOwners, environment, more, List.of("public"),
                Confirmation.BATCH, false);
    }

    /**
     * A workspace managing {@code schemas} whose remote is configured to ask before a write ({@code <confirm>}),
     * with {@code confirmation} answering.
     */
    public Workspace confirmingWorkspace(PostkitLog log, List<String> schemas, Confirmation confirmation) {
        return workspace(dir, remote.url(), log, false, false, Map.of(), List.of(), schemas, confirmation, true);
    }

    /** A workspace whose remote is at {@code url} instead (e.g. a port nothing listens on). */
    public Workspace workspaceWithRemoteAt(String url) {
        return workspace(dir, url, PostkitLog.SILENT, false, false, Map.of());
    }

    private static Workspace workspace(Path dir, String remoteUrl, PostkitLog log, boolean online,
                                       boolean manageOwners, Map<String, String> environment,
                                       List<RemoteConfig> more, List<String> schemas, Confirmation confirmation,
                                       boolean confirmRemote) {
        RemoteConfig config = new RemoteConfig("test", remoteUrl + "?user=postgres", null, true, confirmRemote);
        List<RemoteConfig> remotes = new java.util.ArrayList<>(List.of(config));
        remotes.addAll(more);
        ProjectSettings settings = new ProjectSettings(dir, dir.resolve("db/schema"), schemas, remotes,
                null, false, 2, online, manageOwners);
        Map<String, String> env = new java.util.HashMap<>(environment);
        env.put("PGPASSFILE", dir.resolve(".pgpass").toString());
        Host host = new Host(TestPostgres.binaries(), ServerCredentials.NONE, confirmation, log,
                TestPostgres.machine().withEnvironment(env));
        return new Workspace(settings, host);
    }
}
