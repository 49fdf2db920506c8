package io.postkit.core;

import io.postkit.core.api.LocalProvider;
import io.postkit.core.api.PostkitException;
import io.postkit.core.api.ProjectSettings;
import io.postkit.core.api.Workspace;
import io.postkit.core.testing.TestProject;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The docker local provider. Where no Docker engine runs (our CI machines), it must fail at once, naming the
 * embedded provider, and leave nothing behind; where one runs, a session's clone lives in a {@code postgres:<major>}
 * container. Each test says plainly when it was skipped and why.
 */
class DockerProviderIT {

    private static final String REMOTE = "CREATE TABLE customers (id int PRIMARY KEY, name text);"
            + " INSERT INTO customers SELECT g, 'c' || g FROM generate_series(1, 100) g;";

    private static boolean engineAvailable() {
        boolean available = DockerClientFactory.instance().isDockerAvailable();
        System.err.println("DockerProviderIT: a Docker engine is " + (available ? "" : "NOT ") + "reachable here");
        return available;
    }

    private static Workspace docker(TestProject project) {
        Workspace embedded = project.workspace();
        ProjectSettings s = embedded.settings();
        return new Workspace(new ProjectSettings(s.baseDir(), s.schemaDir(), s.schemas(), s.remotes(),
                s.localDataDir(), s.keepRunning(), s.cloneWorkers(), s.online(), s.manageOwners(),
                LocalProvider.DOCKER, s.cloneOptions()), embedded.host());
    }

    @Test
    void withoutAnEngineItFailsAtOnceNamingTheEmbeddedProviderAndLeavesNothing() throws Exception {
        Assumptions.assumeFalse(engineAvailable(), "SKIPPED: a Docker engine is reachable here, so the provider"
                + " does not fail; the container path is tested by startsASessionInAContainer instead");
        TestProject project = TestProject.withRemote("docker-none", 18, REMOTE, "CREATE TABLE customers"
                + " (id int PRIMARY KEY, name text);");
        long started = System.nanoTime();

        PostkitException e = assertThrows(PostkitException.class,
                () -> new StartCommand(docker(project), Clock.systemUTC()).run(null));

        double seconds = (System.nanoTime() - started) / 1e9;
        assertTrue(e.getMessage().startsWith("The docker local provider needs a Docker engine, and no Docker engine"
                + " is reachable"), e.getMessage());
        assertTrue(e.getMessage().contains("Use the embedded provider, which needs none"), e.getMessage());
        assertTrue(seconds < 30, "it fails at once, not after a long wait: " + seconds + " s");
        assertFalse(Files.exists(project.dir().resolve(".postkit/db/session.json")), "no session was started");
        assertFalse(Files.exists(project.dir().resolve(".postkit/local")), "no local server was made");
    }

    @Test
    void startsASessionInAContainer() throws Exception {
        Assumptions.assumeTrue(engineAvailable(), "SKIPPED: no Docker engine is reachable here, so the container"
                + " path of the docker provider was not run (it runs wherever an engine is)");
        TestProject project = TestProject.withRemote("docker-run", 15, REMOTE, "CREATE TABLE customers"
                + " (id int PRIMARY KEY, name text, note text);");
        Workspace workspace = docker(project);
        StartCommand.Result started = new StartCommand(workspace, Clock.systemUTC()).run(null);
        try {
            assertEquals(15, started.major());
            new PlanCommand(workspace, Clock.systemUTC()).run();
            new ApplyCommand(workspace, Clock.systemUTC()).run(new ApplyCommand.Options(false, "note"));
            try (var server = new io.postkit.core.internal.workflow.Project(workspace).localServers().start(15);
                 Connection c = server.connect(started.localDatabase()); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*), version() FROM customers")) {
                rs.next();
                assertEquals(100, rs.getInt(1), "the remote's rows are in the container's clone");
                assertTrue(rs.getString(2).startsWith("PostgreSQL 15"), rs.getString(2));
            }
        } finally {
            new AbortCommand(workspace).run();
        }
    }
}
