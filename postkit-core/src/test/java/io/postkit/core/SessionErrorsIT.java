package io.postkit.core;

import io.postkit.core.api.Workspace;
import io.postkit.core.internal.workflow.Project;

import io.postkit.core.api.PostkitException;
import io.postkit.core.api.SqlStatementException;
import io.postkit.core.internal.embedded.RunningServer;
import io.postkit.core.internal.plan.PlanDocument;
import io.postkit.core.internal.render.PlannedStatement;
import io.postkit.core.testing.TestDatabase;
import io.postkit.core.testing.TestPostgres;
import io.postkit.core.testing.TestProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every failure a user can cause in a session: one clear message, and nothing changed. */
class SessionErrorsIT {

    private static final String CUSTOMERS = "CREATE TABLE customers (id bigserial PRIMARY KEY, name text NOT NULL,"
            + " note text);";

    private TestProject project;
    private Workspace workspace;

    @BeforeEach
    void startSession() throws Exception {
        TestDatabase remote = TestPostgres.freshDatabase(18);
        remote.execute(CUSTOMERS + " INSERT INTO customers (name) SELECT 'c' || g FROM generate_series(1, 100) g;");
        project = TestProject.create("errors", remote);
        project.schemaFile("tables/customers.sql", CUSTOMERS);
        workspace = project.workspace();
        new StartCommand(workspace, Clock.systemUTC()).run(null);
    }

    @Test
    void aSchemaFileErrorNamesFileAndLineAndChangesNothing() throws Exception {
        project.schemaFile("tables/orders.sql", "-- orders\nCREATE TABLE orders (\n  id int,\n  total nummeric\n);");
        String session = sessionJson();
        SqlStatementException e = assertThrows(SqlStatementException.class, this::plan);
        assertEquals("db/schema/tables/orders.sql", e.source());
        assertEquals(4, e.line());
        assertEquals(9, e.column(), "where PostgreSQL points: the type name after '  total '");
        assertEquals("42704", e.sqlState());
        assertEquals("ERROR: type \"nummeric\" does not exist", e.problem());
        assertEquals("CREATE TABLE orders (\n  id int,\n  total nummeric\n)", e.statement());
        assertTrue(e.getMessage().startsWith("db/schema/tables/orders.sql:4:9: ERROR: type \"nummeric\" does not"
                + " exist (SQLSTATE 42704)\n"), e.getMessage());
        assertEquals(session, sessionJson());
        assertFalse(Files.exists(db().resolve("plan.json")));
    }

    @Test
    void statementsThatDoNotDeclareStateSayWhereTheyBelong() throws Exception {
        project.schemaFile("tables/seed.sql", CUSTOMERS.replace("customers", "other")
                + "\n\nINSERT INTO other (name) VALUES ('x');");
        SqlStatementException e = assertThrows(SqlStatementException.class, this::plan);
        assertEquals("db/schema/tables/seed.sql:3", e.location());
        assertEquals("'INSERT' does not belong in a schema file, which declares the desired state", e.problem());
        assertNull(e.sqlState(), "refused by postkit, never sent to PostgreSQL");
        assertTrue(e.getMessage().endsWith("\nPut it in seeds/."), e.getMessage());
    }

    @Test
    void objectsTheEngineCannotManageYetAreRefusedByName() throws Exception {
        project.schemaFile("infra/fdw.sql", "CREATE EXTENSION IF NOT EXISTS postgres_fdw;"
                + " CREATE SERVER files FOREIGN DATA WRAPPER postgres_fdw;"
                + " GRANT USAGE ON FOREIGN SERVER files TO PUBLIC;");
        project.schemaFile("tables/imported.sql", "CREATE FOREIGN TABLE imported (line text) SERVER files;");
        PostkitException e = assertThrows(PostkitException.class, this::plan);
        assertEquals("The schema files declare objects this version of postkit does not manage yet:\n"
                + "  foreign table public.imported\n"
                + "Keep them out of the schema files for now: put extensions and roles in infra/.", e.getMessage());
    }

    @Test
    void filesMayReferToObjectsOfLaterFiles() throws Exception {
        project.schemaFile("tables/a_orders.sql", "CREATE TABLE orders (id int PRIMARY KEY,"
                + " customer_id bigint REFERENCES customers (id), product_id int REFERENCES products (id));");
        project.schemaFile("tables/z_products.sql", "CREATE TABLE products (id int PRIMARY KEY);");
        assertEquals(List.of("CREATE TABLE \"public\".\"orders\" (\n    \"id\" integer NOT NULL,\n    \"customer_id\" bigint,\n"
                        + "    \"product_id\" integer\n)",
                "CREATE TABLE \"public\".\"products\" (\n    \"id\" integer NOT NULL\n)",
                "ALTER TABLE \"public\".\"orders\" ADD CONSTRAINT \"orders_pkey\" PRIMARY KEY (id)",
                "ALTER TABLE \"public\".\"products\" ADD CONSTRAINT \"products_pkey\" PRIMARY KEY (id)",
                "ALTER TABLE \"public\".\"orders\" ADD CONSTRAINT \"orders_customer_id_fkey\" FOREIGN KEY (customer_id)"
                        + " REFERENCES public.customers(id)",
                "ALTER TABLE \"public\".\"orders\" ADD CONSTRAINT \"orders_product_id_fkey\" FOREIGN KEY (product_id)"
                        + " REFERENCES public.products(id)"),
                plan().statements().stream().map(PlannedStatement::sql).toList(),
                "2 tables with their primary keys, then 2 foreign keys");
    }

    @Test
    void aPlanIsRefusedWhenTheSchemaFilesChangedSince() throws Exception {
        project.schemaFile("tables/orders.sql", "CREATE TABLE orders (id int);");
        plan();
        project.schemaFile("tables/orders.sql", "CREATE TABLE orders (id bigint);");
        PostkitException e = assertThrows(PostkitException.class, this::apply);
        assertEquals("The plan is out of date: the schema files changed since it was made. Run mvn postkit:plan again and"
                + " review the new plan.", e.getMessage());
        assertTrue(Files.exists(db().resolve("plan.json")), "the plan is kept");
    }

    @Test
    void aPlanIsRefusedWhenTheCloneChangedSince() throws Exception {
        project.schemaFile("tables/orders.sql", "CREATE TABLE orders (id int);");
        plan();
        try (RunningServer server = new Project(workspace).localServers().start(18);
             Connection c = server.connect(new Project(workspace).state().requireSession("test").localDatabase());
             Statement s = c.createStatement()) {
            s.execute("ALTER TABLE customers ADD COLUMN sneaky int");
        }
        PostkitException e = assertThrows(PostkitException.class, this::apply);
        assertEquals("The plan is out of date: the local clone's schema changed since it was made. Run mvn postkit:plan"
                + " again.", e.getMessage());
    }

    @Test
    void dataLossNeedsExplicitConsent() throws Exception {
        project.schemaFile("tables/customers.sql", CUSTOMERS.replace(",\n note text", "").replace(", note text", ""));
        plan();
        PostkitException e = assertThrows(PostkitException.class, this::apply);
        assertEquals("The plan drops data:\n  column public.customers.note\nIf that is intended, run mvn postkit:apply"
                + " -Dpostkit.allowDataLoss. A rename is not detected: do it in a hand-written migration (mvn"
                + " postkit:migration -Dpostkit.name=<name>) to keep the data.", e.getMessage());
        assertEquals(List.of(), new Project(workspace).state().sessionMigrations());
        new ApplyCommand(workspace, Clock.systemUTC()).run(new ApplyCommand.Options(true, "drop_note"));
        assertEquals(List.of("drop_note"), new Project(workspace).state().sessionMigrations().stream()
                .map(io.postkit.core.internal.migration.MigrationFile::name).toList());
    }

    @Test
    void commitRefusesAnUnappliedPlanAndAbortEndsTheSession() throws Exception {
        project.schemaFile("tables/orders.sql", "CREATE TABLE orders (id int);");
        plan();
        PostkitException e = assertThrows(PostkitException.class,
                () -> new CommitCommand(workspace, Clock.systemUTC()).run());
        assertEquals("There is an unapplied plan (1 statement(s)). Run mvn postkit:apply to apply it, or mvn postkit:plan"
                + " to refresh it, before committing.", e.getMessage());

        String database = new Project(workspace).state().requireSession("test").localDatabase();
        new AbortCommand(workspace).run();
        assertFalse(Files.exists(db().resolve("session.json")));
        assertFalse(Files.exists(db().resolve("plan.json")));
        try (RunningServer server = new Project(workspace).localServers().start(18)) {
            assertFalse(new io.postkit.core.internal.local.LocalDatabases(server).exists(database), "the clone is dropped");
        }
    }

    @Test
    void aMalformedStateFileIsAClearError() throws Exception {
        Files.writeString(db().resolve("session.json"), "{\"formatVersion\": 1, \"remote\": ");
        PostkitException e = assertThrows(PostkitException.class, this::plan);
        assertEquals("Cannot read " + db().resolve("session.json") + ": it is not valid JSON (Unexpected end-of-input"
                + " within/between Object entries). Run mvn postkit:abort: it drops the session's local clone (found by"
                + " its postkit marker) and ends the session.", e.getMessage());
    }

    private PlanDocument plan() {
        return new PlanCommand(workspace, Clock.systemUTC()).run();
    }

    private void apply() {
        new ApplyCommand(workspace, Clock.systemUTC()).run(new ApplyCommand.Options(false, null));
    }

    private Path db() {
        return project.dir().resolve(".postkit/db");
    }

    private String sessionJson() throws Exception {
        return Files.readString(db().resolve("session.json"));
    }
}
