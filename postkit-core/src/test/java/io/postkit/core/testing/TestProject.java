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
        Path dir = TestPostgres.workDir().resolve("projects").resolve(name + "-" + System.nanoTime());
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

    /** A workspace whose clones copy what {@code options} say. */
    public Workspace workspace(CloneOptions options, PostkitLog log) {
        Workspace plain = workspace(log, false, false);
        return new Workspace(plain.settings().withClone(options), plain.host());
    }

    private Workspace workspace(PostkitLog log, boolean online, boolean manageOwners) {
        RemoteConfig config = new RemoteConfig("test", remote.url() + "?user=postgres", null, true, false);
        ProjectSettings settings = new ProjectSettings(dir, schemaDir(), List.of("public"), List.of(config), null,
                false, 2, online, manageOwners);
        Host host = new Host(TestPostgres.binaries(), ServerCredentials.NONE, Confirmation.BATCH, log,
                TestPostgres.machine().withEnvironment(Map.of("PGPASSFILE", dir.resolve(".pgpass").toString())));
        return new Workspace(settings, host);
    }
}
