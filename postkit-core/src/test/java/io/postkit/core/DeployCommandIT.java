package io.postkit.core;

import io.postkit.core.api.Workspace;

import io.postkit.core.api.PostkitException;
import io.postkit.core.testing.RecordingLog;
import io.postkit.core.testing.TestDatabase;
import io.postkit.core.testing.TestPostgres;
import io.postkit.core.testing.TestProject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeployCommandIT {

    private static final int MAJOR = 18;
    private static final DeployCommand.Options DEPLOY =
            new DeployCommand.Options(null, false, true, Duration.ZERO, Duration.ofSeconds(5), 0);

    @Test
    void twoDeploysAtOnceApplyTheMigrationExactlyOnce() throws Exception {
        TestDatabase remote = remoteWithCustomers();
        TestProject first = projectWithCommittedMigration(remote);
        TestProject second = TestProject.create("deploy-second", remote);
        copyHistory(first, second);

        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<DeployCommand.Result>> results = new ArrayList<>();
        for (TestProject project : List.of(first, second)) {
            Callable<DeployCommand.Result> deploy = () -> {
                go.await();
                return new DeployCommand(project.workspace(), Clock.systemUTC()).run(DEPLOY);
            };
            results.add(pool.submit(deploy));
        }
        go.countDown();

        int applied = 0;
        List<String> failures = new ArrayList<>();
        for (Future<DeployCommand.Result> result : results) {
            try {
                applied += result.get().applied() ? 1 : 0;
            } catch (java.util.concurrent.ExecutionException e) {
                assertTrue(e.getCause() instanceof PostkitException, e.getCause().toString());
                failures.add(e.getCause().getMessage());
            }
        }
        pool.shutdown();

        assertEquals(1, applied, "exactly one deploy applies");
        assertEquals(1, failures.size(), "the other fails");
        assertTrue(failures.get(0).startsWith("Another deploy to remote 'test' is in progress"), failures.get(0));
        assertEquals(1, remote.queryInt("SELECT count(*) FROM schema_migrations"), "recorded once");
    }

    @Test
    void aSecondDeployIsANoOpAndADryRunChangesNothing() throws Exception {
        TestDatabase remote = remoteWithCustomers();
        TestProject project = projectWithCommittedMigration(remote);

        DeployCommand.Result dry = new DeployCommand(project.workspace(), Clock.systemUTC())
                .run(new DeployCommand.Options(null, true, false, Duration.ZERO, Duration.ofSeconds(5), 0));
        assertEquals(List.of("add_orders"), dry.pending().stream().map(m -> m.name()).toList());
        assertEquals(false, dry.applied());
        assertEquals(0, remote.queryInt("SELECT count(*) FROM pg_tables WHERE tablename = 'orders'"),
                "a dry run leaves the remote alone");

        RecordingLog log = new RecordingLog();
        assertTrue(new DeployCommand(project.workspace(log), Clock.systemUTC()).run(DEPLOY).applied());
        String dryRunCost = log.find("Dry run succeeded on a clone of remote 'test'");
        assertTrue(dryRunCost != null && dryRunCost.matches(".*: clone [0-9]+\\.[0-9] s, migrations [0-9]+\\.[0-9] s"),
                "the dry run's cost is reported: " + log.lines());
        String applied = log.find("Applied 1 migration(s) to remote 'test'");
        assertTrue(applied != null && applied.matches(".* in [0-9]+\\.[0-9] s \\(dry run before it: clone [0-9]+\\.[0-9] s,"
                + " migrations [0-9]+\\.[0-9] s\\)\\."), "the apply's time beside the dry run's: " + log.lines());
        DeployCommand.Result again = new DeployCommand(project.workspace(), Clock.systemUTC()).run(DEPLOY);
        assertEquals(List.of(), again.pending());
        assertEquals(false, again.applied());
        assertEquals(dry.pending().get(0).version() + " " + dry.pending().get(0).checksum(),
                remote.queryValue("SELECT string_agg(version || ' ' || checksum, ', ') FROM schema_migrations"),
                "recorded once, with its checksum");
    }

    @Test
    void aFailingDryRunLeavesTheRemoteUntouched() throws Exception {
        TestDatabase remote = remoteWithCustomers();
        TestProject project = projectWithCommittedMigration(remote);
        // the remote changed after the migration was made: its dry run now fails on real data
        remote.execute("CREATE TABLE orders (id int)");

        PostkitException e = assertThrows(PostkitException.class,
                () -> new DeployCommand(project.workspace(), Clock.systemUTC()).run(DEPLOY));
        String migration = project.dir().resolve(".postkit/db/migrations").toFile().list()[0];
        assertEquals("The dry run on a clone of remote 'test' failed:\n.postkit/db/migrations/" + migration
                + ":4:1: ERROR: relation \"orders\""
                + " already exists (SQLSTATE 42P07)\n  Statement: CREATE TABLE \"public\".\"orders\" (\n"
                + "Remote 'test' was not changed.", e.getMessage());
        assertEquals(0, remote.queryInt("SELECT count(*) FROM pg_tables WHERE tablename = 'schema_migrations'"));
    }

    @Test
    void aDryRunFailsWhenTheMigrationsNameARoleTheTargetLacks() throws Exception {
        TestDatabase remote = remoteWithCustomers();
        TestProject project = TestProject.create("deploy-roles", remote);
        String customers = "CREATE TABLE customers (id bigserial PRIMARY KEY, name text NOT NULL);";
        project.schemaFile("tables/customers.sql", customers + "\nALTER TABLE customers ENABLE ROW LEVEL SECURITY;"
                + "\nCREATE POLICY readers ON customers FOR SELECT TO role_only_in_schema_files USING (true);");
        Workspace workspace = project.workspace();
        new StartCommand(workspace, Clock.systemUTC()).run(null);
        new PlanCommand(workspace, Clock.systemUTC()).run();
        new ApplyCommand(workspace, Clock.systemUTC()).run(new ApplyCommand.Options(false, "policy"));
        new CommitCommand(workspace, Clock.systemUTC()).run();

        PostkitException e = assertThrows(PostkitException.class,
                () -> new DeployCommand(workspace, Clock.systemUTC()).run(DEPLOY));
        assertEquals("The dry run on a clone of remote 'test' shows that the migrations name roles remote 'test' does"
                + " not have: role_only_in_schema_files. Create them there first (infra/), then deploy. Remote 'test'"
                + " was not changed.", e.getMessage());
        assertEquals(0, remote.queryInt("SELECT count(*) FROM pg_policy"), "the remote is unchanged");
    }

    private static TestDatabase remoteWithCustomers() throws Exception {
        TestDatabase remote = TestPostgres.freshDatabase(MAJOR);
        remote.execute("CREATE TABLE customers (id bigserial PRIMARY KEY, name text NOT NULL);"
                + " INSERT INTO customers (name) SELECT 'c' || g FROM generate_series(1, 1000) g");
        return remote;
    }

    /** start → plan → apply → commit of a change that adds {@code orders}. */
    private static TestProject projectWithCommittedMigration(TestDatabase remote) throws Exception {
        TestProject project = TestProject.create("deploy", remote);
        project.schemaFile("tables/customers.sql", "CREATE TABLE customers (id bigserial PRIMARY KEY, name text NOT NULL);");
        project.schemaFile("tables/orders.sql", "CREATE TABLE orders (id bigserial PRIMARY KEY,"
                + " customer_id bigint NOT NULL REFERENCES customers (id));"
                + " CREATE INDEX orders_customer_idx ON orders (customer_id);");
        Workspace workspace = project.workspace();
        new StartCommand(workspace, Clock.systemUTC()).run(null);
        new PlanCommand(workspace, Clock.systemUTC()).run();
        new ApplyCommand(workspace, Clock.systemUTC()).run(new ApplyCommand.Options(false, "add_orders"));
        new CommitCommand(workspace, Clock.systemUTC()).run();
        return project;
    }

    private static void copyHistory(TestProject from, TestProject to) throws IOException {
        Path source = from.dir().resolve(".postkit/db");
        Path target = to.dir().resolve(".postkit/db");
        Files.createDirectories(target.resolve("migrations"));
        Files.copy(source.resolve("committed.json"), target.resolve("committed.json"));
        try (Stream<Path> files = Files.list(source.resolve("migrations"))) {
            for (Path f : files.toList()) {
                Files.copy(f, target.resolve("migrations").resolve(f.getFileName()),
                        StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
