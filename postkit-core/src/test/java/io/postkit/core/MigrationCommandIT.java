package io.postkit.core;

import io.postkit.core.api.PostkitException;
import io.postkit.core.api.Workspace;
import io.postkit.core.testing.TestDatabase;
import io.postkit.core.testing.TestPostgres;
import io.postkit.core.testing.TestProject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code postkit:migration}: hand-written migrations, run by apply in version order with the generated ones. */
class MigrationCommandIT {

    private static final String PRODUCTS = "CREATE TABLE products (id int PRIMARY KEY, price_cents int NOT NULL);";
    private static final DeployCommand.Options DEPLOY =
            new DeployCommand.Options(null, false, true, Duration.ZERO, Duration.ofSeconds(5), 0);

    @Test
    void aDataMigrationBetweenTwoGeneratedOnesIsCommittedAndDeployedInOrder() throws Exception {
        TestProject project = project("between");
        Workspace workspace = project.workspace();
        start(workspace);
        project.schemaFile("tables/products.sql", PRODUCTS.replace(");", ", price numeric(10, 2));"));
        plan(workspace);
        apply(workspace, "add_price");

        MigrationCommand.Result manual = new MigrationCommand(workspace, Clock.systemUTC()).run("backfill_prices");
        Path file = project.dir().resolve(manual.file());
        assertEquals(".postkit/db/session/" + manual.version() + "_backfill_prices.sql", manual.file());
        assertEquals("-- migrate:up\n" + MigrationCommand.UP + "\n\n-- migrate:down\n" + MigrationCommand.DOWN + "\n",
                Files.readString(file));
        Files.writeString(file, Files.readString(file).replace("-- migrate:down",
                "UPDATE products SET price = price_cents / 100.0;\n\n-- migrate:down"));
        project.schemaFile("tables/products.sql", PRODUCTS.replace(");", ", price numeric(10, 2) NOT NULL);"));
        plan(workspace);
        List<String> applied = apply(workspace, "price_not_null");
        assertEquals(List.of("backfill_prices", "price_not_null"), applied, "the hand-written one first");

        new CommitCommand(workspace, Clock.systemUTC()).run();
        List<String> committed = names(project.dir().resolve(".postkit/db/migrations"));
        assertEquals(List.of("add_price", "backfill_prices", "price_not_null"), committed, "in version order");
        new DeployCommand(workspace, Clock.systemUTC()).run(DEPLOY);

        TestDatabase remote = project.remote();
        assertEquals("3", remote.queryValue("SELECT count(*) FROM schema_migrations"));
        assertEquals("1:2.50,2:0.99", remote.queryValue("SELECT string_agg(id || ':' || price, ',' ORDER BY id)"
                + " FROM products"), "the backfill ran between the two schema changes");
        assertEquals("NO", remote.queryValue("SELECT is_nullable FROM information_schema.columns"
                + " WHERE table_name = 'products' AND column_name = 'price'"));
    }

    @Test
    void aHandWrittenMigrationThatChangesTheSchemaMakesThePlanOutOfDate() throws Exception {
        TestProject project = project("schema-change");
        Workspace workspace = project.workspace();
        start(workspace);
        project.schemaFile("tables/notes.sql", "CREATE TABLE notes (id int);");
        plan(workspace);
        MigrationCommand.Result manual = new MigrationCommand(workspace, Clock.systemUTC()).run("add_column");
        Path file = project.dir().resolve(manual.file());
        Files.writeString(file, "-- migrate:up\nALTER TABLE products ADD COLUMN note text;\n-- migrate:down\n");

        PostkitException e = assertThrows(PostkitException.class, () -> apply(workspace, "notes"));

        assertTrue(e.getMessage().startsWith("The hand-written migration(s) applied just now changed the local"
                + " clone's schema, so the plan made before them is out of date; it was not applied."),
                e.getMessage());
        assertFalse(Files.exists(project.dir().resolve(".postkit/db/plan.json")), "the plan is gone");
        assertEquals(List.of("add_column"), names(project.dir().resolve(".postkit/db/session")),
                "the hand-written migration stays, applied; no generated one was written");
        assertEquals(List.of(manual.version()), new io.postkit.core.internal.workflow.Project(workspace).state()
                .requireSession("test").migrations());
    }

    @Test
    void noSessionOrABadNameIsRefusedAndWritesNothing() throws Exception {
        TestProject project = project("refused");
        Workspace workspace = project.workspace();
        PostkitException none = assertThrows(PostkitException.class,
                () -> new MigrationCommand(workspace, Clock.systemUTC()).run("backfill"));
        assertEquals("No active session: nothing to add a migration to. Run mvn postkit:start first.",
                none.getMessage());

        start(workspace);
        String session = Files.readString(project.dir().resolve(".postkit/db/session.json"));
        PostkitException bad = assertThrows(PostkitException.class,
                () -> new MigrationCommand(workspace, Clock.systemUTC()).run("Backfill-Prices"));
        assertEquals("Migration name 'Backfill-Prices' is not valid: use 1 to 60 lower-case letters, digits and"
                + " underscores, e.g. -Dpostkit.name=add_orders.", bad.getMessage());
        assertEquals(List.of(), names(project.dir().resolve(".postkit/db/session")));
        assertEquals(session, Files.readString(project.dir().resolve(".postkit/db/session.json")));
    }

    @Test
    void anUntouchedMigrationIsRefusedByApplyAndCommit() throws Exception {
        TestProject project = project("untouched");
        Workspace workspace = project.workspace();
        start(workspace);
        MigrationCommand.Result manual = new MigrationCommand(workspace, Clock.systemUTC()).run("later");

        PostkitException apply = assertThrows(PostkitException.class, () -> apply(workspace, null));
        assertEquals("Migration " + manual.file() + " has no statements in its '-- migrate:up' section. Write the"
                + " change there, or delete the file.", apply.getMessage());
        PostkitException commit = assertThrows(PostkitException.class,
                () -> new CommitCommand(workspace, Clock.systemUTC()).run());
        assertEquals("Not applied to the local clone yet: " + manual.file() + ". Run mvn postkit:apply first (or"
                + " delete the file), then commit.", commit.getMessage());
    }

    private static TestProject project(String name) throws Exception {
        TestDatabase remote = TestPostgres.freshDatabase(18);
        remote.execute(PRODUCTS + " INSERT INTO products VALUES (1, 250), (2, 99);");
        TestProject project = TestProject.create("migration-" + name, remote);
        project.schemaFile("tables/products.sql", PRODUCTS);
        return project;
    }

    private static void start(Workspace workspace) {
        new StartCommand(workspace, Clock.systemUTC()).run(null);
    }

    private static void plan(Workspace workspace) {
        new PlanCommand(workspace, Clock.systemUTC()).run();
    }

    private static List<String> apply(Workspace workspace, String name) {
        return new ApplyCommand(workspace, Clock.systemUTC()).run(new ApplyCommand.Options(false, name)).stream()
                .map(m -> m.name()).toList();
    }

    /** Migration names in the folder, in file name (version) order. */
    private static List<String> names(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sql")).sorted()
                    .map(n -> n.substring(15, n.length() - 4)).toList();
        }
    }
}
