package io.postkit.core;

import io.postkit.core.api.PostkitException;
import io.postkit.core.api.RemoteConfig;
import io.postkit.core.api.SqlStatementException;
import io.postkit.core.api.Workspace;
import io.postkit.core.testing.TestDatabase;
import io.postkit.core.testing.TestPostgres;
import io.postkit.core.testing.TestProject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code postkit:check}: committed migrations against the schema files, and a remote against its migrations. */
class CheckCommandIT {

    private static final String ORDERS = "CREATE TABLE orders (id bigint PRIMARY KEY, total numeric(10, 2));";

    @Test
    void passesOnACleanProjectAndFailsOnAnUncommittedChangeOrDriftOnTheRemote() throws Exception {
        TestProject project = committedAndDeployed();
        Workspace workspace = project.workspace();

        CheckCommand.Result clean = check(workspace, "test");
        assertTrue(clean.passed(), String.valueOf(clean.failure()));
        assertEquals(1, clean.committedMigrations());
        assertNull(clean.failure());
        assertFalse(Files.exists(project.dir().resolve(".postkit/db/session.json")), "no session needed or made");

        project.schemaFile("tables/orders.sql", ORDERS.replace(");", ", note text);"));
        CheckCommand.Result uncommitted = check(workspace, null);
        assertEquals(List.of(new CheckCommand.Difference("column", "public.orders.note",
                "ALTER TABLE \"public\".\"orders\" ADD COLUMN \"note\" text")), uncommitted.uncommitted());
        assertTrue(uncommitted.failure().startsWith("The schema files hold changes that no committed migration"
                + " carries:\n  ALTER TABLE \"public\".\"orders\" ADD COLUMN \"note\" text\n"), uncommitted.failure());

        project.schemaFile("tables/orders.sql", ORDERS);
        project.remote().execute("CREATE INDEX orders_total ON orders (total)");
        CheckCommand.Result drift = check(workspace, "test");
        assertEquals(List.of(), drift.uncommitted());
        assertEquals(List.of("CREATE INDEX orders_total ON public.orders USING btree (total)"),
                drift.drift().stream().map(CheckCommand.Difference::sql).toList());
        assertTrue(drift.failure().startsWith("Remote 'test' differs from what its applied migrations give (a change"
                + " made by hand?)."), drift.failure());
    }

    @Test
    void anUnreachableRemoteOrAFailingInfraFileIsOneClearError() throws Exception {
        TestDatabase remote = TestPostgres.freshDatabase(18);
        TestProject project = TestProject.create("check-errors", remote);
        project.schemaFile("tables/orders.sql", ORDERS);
        RemoteConfig gone = new RemoteConfig("gone", "jdbc:postgresql://localhost:1/nowhere?user=postgres", null,
                false, false);
        Workspace workspace = project.workspace(io.postkit.core.api.PostkitLog.SILENT, List.of(gone));

        PostkitException unreachable = assertThrows(PostkitException.class, () -> check(workspace, "gone"));
        assertTrue(unreachable.getMessage().startsWith("Cannot reach remote 'gone' at localhost:1/nowhere:"),
                unreachable.getMessage());

        project.schemaFile("infra/schemas.sql", "CREATE SCHEMA app AUTHORIZATION no_such_role;");
        PostkitException infra = assertThrows(PostkitException.class, () -> check(workspace, null));
        SqlStatementException cause = assertInstanceOf(SqlStatementException.class, infra.getCause());
        assertEquals("db/schema/infra/schemas.sql:1", cause.location());
        assertFalse(Files.exists(project.dir().resolve(".postkit/db/session.json")));
    }

    @Test
    void theResultIsOneJsonDocument() throws Exception {
        CheckCommand.Result result = new CheckCommand.Result(2, "prod", List.of(new CheckCommand.Difference("column",
                "public.orders.note", "ALTER TABLE \"public\".\"orders\" ADD COLUMN \"note\" text")), List.of(), null);
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(result.json());
        assertEquals("prod", json.get("remote").asText());
        assertEquals("public.orders.note", json.get("uncommitted").get(0).get("objectName").asText());
        assertFalse(json.get("passed").asBoolean());
    }

    private static TestProject committedAndDeployed() throws Exception {
        TestDatabase remote = TestPostgres.freshDatabase(18);
        TestProject project = TestProject.create("check", remote);
        project.schemaFile("tables/orders.sql", ORDERS);
        Workspace workspace = project.workspace();
        new StartCommand(workspace, Clock.systemUTC()).run(null);
        new PlanCommand(workspace, Clock.systemUTC()).run();
        new ApplyCommand(workspace, Clock.systemUTC()).run(new ApplyCommand.Options(false, "orders"));
        new CommitCommand(workspace, Clock.systemUTC()).run();
        new DeployCommand(workspace, Clock.systemUTC()).run(new DeployCommand.Options(null, false, true,
                Duration.ZERO, Duration.ofSeconds(5), 0));
        return project;
    }

    private static CheckCommand.Result check(Workspace workspace, String remote) {
        return new CheckCommand(workspace).run(new CheckCommand.Request(remote, null));
    }
}
