package io.postkit.core;

import io.postkit.core.api.Confirmation;
import io.postkit.core.api.PostkitException;
import io.postkit.core.api.PostkitLog;
import io.postkit.core.api.Workspace;
import io.postkit.core.testing.RecordingLog;
import io.postkit.core.testing.TestDatabase;
import io.postkit.core.testing.TestPostgres;
import io.postkit.core.testing.TestProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.postkit.core.ImportCommandIT.CLOCK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every refusal and failure of import leaves the schema directory, .postkit/ and the source as they were. */
class ImportErrorsIT {

    private static final ImportCommand.Request CONFIRMED = new ImportCommand.Request(null, false, true);
    private static final ImportCommand.Request FORCED = new ImportCommand.Request(null, true, true);

    private TestDatabase remote;
    private TestProject project;

    @BeforeEach
    void remoteWithOneTable() throws SQLException, IOException {
        remote = TestPostgres.freshDatabase(TestPostgres.majors().stream().max(Integer::compare).orElseThrow());
        remote.execute("CREATE TABLE customers (id bigserial PRIMARY KEY, email text NOT NULL);"
                + " INSERT INTO customers (email) SELECT 'c' || g FROM generate_series(1, 10) g;");
        project = TestProject.create("import-errors", remote);
    }

    @Test
    void aSchemaDirectoryWithFilesIsRefusedWithoutForce() throws Exception {
        project.schemaFile("tables/customers.sql", "CREATE TABLE customers (id bigint);");
        String before = ImportFiles.tree(project.schemaDir());

        PostkitException e = assertThrows(PostkitException.class, () -> importWith(CONFIRMED));

        assertEquals("The schema directory db/schema is not empty (1 file(s): tables/customers.sql). import writes a"
                + " new schema directory: point -Dpostkit.schemaDir at an empty folder, or run with -Dpostkit.force to"
                + " replace the contents of db/schema (its seeds/ and seed/ folders are kept). Nothing was written.",
                e.getMessage());
        assertNothingWritten(before);
    }

    @Test
    void forceReplacesTheSchemaDirectoryButKeepsSeeds() throws Exception {
        project.schemaFile("tables/old.sql", "CREATE TABLE old (id bigint);");
        project.schemaFile("seeds/countries.sql", "INSERT INTO countries VALUES ('de') ON CONFLICT DO NOTHING;");

        ImportCommand.Result result = importWith(FORCED);

        List<String> files = new ArrayList<>(ImportFiles.list(project.schemaDir()));
        assertEquals(List.of("infra/0002_schemas.sql", "seeds/countries.sql", "tables/0001_customers.sql"),
                files.stream().filter(f -> !f.startsWith("grants/")).toList());
        files.remove("seeds/countries.sql");
        assertEquals(files, result.files(), "what import wrote: all but the seeds");
        assertEquals("INSERT INTO countries VALUES ('de') ON CONFLICT DO NOTHING;",
                ImportFiles.read(project, "seeds/countries.sql"));
        assertNoLeftoversBesideTheSchemaDirectory();
        assertEquals("1", remote.queryValue("SELECT count(*) FROM schema_migrations"));
    }

    @Test
    void anUnreachableRemoteWritesNothing() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Workspace unreachable = project.workspaceWithRemoteAt("jdbc:postgresql://localhost:" + port + "/shop");

        PostkitException e = assertThrows(PostkitException.class,
                () -> new ImportCommand(unreachable, CLOCK).run(CONFIRMED));

        assertTrue(e.getMessage().startsWith("Cannot reach remote 'test' at localhost:" + port + "/shop: "),
                e.getMessage());
        assertNothingWritten("");
    }

    @Test
    void batchModeWithoutYesWritesNothing() throws Exception {
        PostkitException e = assertThrows(PostkitException.class,
                () -> importWith(new ImportCommand.Request(null, false, false)));

        assertEquals("Recording the import's baseline migration as applied on remote 'test' needs confirmation, and"
                + " this build cannot ask (batch mode). Run with -Dpostkit.yes, or set <confirm>false</confirm> on the"
                + " remote.",
                e.getMessage());
        assertNothingWritten("");
    }

    @Test
    void aDeclinedConfirmationWritesNothingAndAnAcceptedOneRecords() throws Exception {
        List<String> questions = new ArrayList<>();
        PostkitException e = assertThrows(PostkitException.class, () -> new ImportCommand(project
                .confirmingWorkspace(PostkitLog.SILENT, List.of("public"), answering(false, questions)), CLOCK)
                .run(new ImportCommand.Request(null, false, false)));

        assertEquals("Cancelled; remote 'test' was not changed.", e.getMessage());
        assertEquals(List.of("Record baseline migration 20261206101530_baseline.sql as applied on remote 'test' (in"
                + " its public.schema_migrations table, created if missing)?"), questions);
        assertNothingWritten("");

        new ImportCommand(project.confirmingWorkspace(PostkitLog.SILENT, List.of("public"),
                answering(true, questions)), CLOCK).run(new ImportCommand.Request(null, false, false));
        assertEquals("20261206101530", remote.queryValue("SELECT version FROM schema_migrations"));
    }

    @Test
    void aSecondImportIsRefusedOnceAHistoryExists() throws Exception {
        importWith(CONFIRMED);
        String before = ImportFiles.tree(project.schemaDir());
        String history = Files.readString(project.dir().resolve(".postkit/db/committed.json"));

        PostkitException e = assertThrows(PostkitException.class, () -> importWith(FORCED));

        assertTrue(e.getMessage().startsWith("This project already has a committed history (1 migration(s) in"
                + " .postkit/db/committed.json). import starts a new history"), e.getMessage());
        assertEquals(before, ImportFiles.tree(project.schemaDir()));
        assertEquals(history, Files.readString(project.dir().resolve(".postkit/db/committed.json")));
        assertEquals("1", remote.queryValue("SELECT count(*) FROM schema_migrations"));
    }

    @Test
    void anActiveSessionIsRefused() throws Exception {
        new StartCommand(project.workspace(), CLOCK).run(null);

        PostkitException e = assertThrows(PostkitException.class, () -> importWith(CONFIRMED));

        assertTrue(e.getMessage().startsWith("A session is active (remote 'test')"), e.getMessage());
        assertEquals(List.of(), ImportFiles.list(project.schemaDir()));
        new AbortCommand(project.workspace()).run();
    }

    @Test
    void aSchemaTheSourceLacksIsNamed() throws Exception {
        Workspace workspace = project.confirmingWorkspace(PostkitLog.SILENT, List.of("public", "billing"),
                Confirmation.BATCH);

        PostkitException e = assertThrows(PostkitException.class,
                () -> new ImportCommand(workspace, CLOCK).run(CONFIRMED));

        assertEquals("Remote 'test' has no schema billing. Set <schemas> to the schemas to manage. Nothing was"
                + " written.", e.getMessage());
        assertNothingWritten("");
    }

    /** A source dbmate (or another checkout's import) migrated keeps its rows; the baseline comes after them. */
    @Test
    void aSourceWithAHistoryKeepsItAndTheBaselineComesAfterIt() throws Exception {
        remote.execute("CREATE TABLE schema_migrations (version varchar(128) PRIMARY KEY);"
                + " INSERT INTO schema_migrations VALUES ('20200101000000'), ('20991231235959'), ('42');");
        RecordingLog log = new RecordingLog();

        ImportCommand.Result result = new ImportCommand(project.confirmingWorkspace(log, List.of("public"),
                Confirmation.BATCH), CLOCK).run(CONFIRMED);

        assertEquals("21000101000000_baseline.sql", result.baseline(), "after the newest version the source has");
        assertEquals(List.of("20200101000000", "20991231235959", "21000101000000", "42"), versions(),
                "the source's rows stay, the baseline's is added");
        assertEquals(List.of("WARN Remote 'test' already records 3 migration(s) in public.schema_migrations"
                + " (20200101000000 … 42); they stay there, and are not part of the history this import starts."),
                log.startingWith("WARN"));
        assertFalse(ImportFiles.list(project.schemaDir()).contains("tables/0001_schema_migrations.sql"),
                "the migration table is not part of the schema");
    }

    /** An import killed half-way left its staged files, which go, and the old contents, which are named. */
    @Test
    void whatAnImportThatDidNotFinishLeftIsClearedOrNamed() throws Exception {
        Path db = project.schemaDir().getParent();
        Files.createDirectories(db.resolve(".schema.import-dead0001/tables"));
        Files.writeString(db.resolve(".schema.import-dead0001/tables/0001_customers.sql"), "CREATE TABLE x (a int);");
        Files.createDirectories(db.resolve(".schema.replaced-dead0001/tables"));
        Files.writeString(db.resolve(".schema.replaced-dead0001/tables/old.sql"), "CREATE TABLE old (a int);");
        RecordingLog log = new RecordingLog();

        new ImportCommand(project.confirmingWorkspace(log, List.of("public"), Confirmation.BATCH), CLOCK)
                .run(CONFIRMED);

        try (Stream<Path> siblings = Files.list(db)) {
            assertEquals(List.of(".schema.replaced-dead0001", "schema"),
                    siblings.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertEquals(List.of("WARN db/.schema.replaced-dead0001 holds what the schema directory held before an import"
                + " that did not finish; look through it, then delete it."), log.startingWith("WARN"));
    }

    /** The row's insert fails on the source after the files are staged: the old directory comes back whole. */
    @Test
    void aFailureWhileWritingPutsTheOldSchemaDirectoryBack() throws Exception {
        remote.execute("CREATE VIEW schema_migrations AS SELECT '1'::varchar(128) AS version");
        project.schemaFile("tables/old.sql", "CREATE TABLE old (id bigint);");
        project.schemaFile("seeds/countries.sql", "INSERT INTO countries VALUES ('de') ON CONFLICT DO NOTHING;");
        String before = ImportFiles.tree(project.schemaDir());

        PostkitException e = assertThrows(PostkitException.class, () -> importWith(FORCED));

        assertTrue(e.getMessage().startsWith("Importing remote 'test' failed while writing: ERROR: "), e.getMessage());
        assertTrue(e.getMessage().endsWith("Nothing was recorded on remote 'test' and the schema directory is as it"
                + " was."), e.getMessage());
        assertEquals(before, ImportFiles.tree(project.schemaDir()));
        assertNoLeftoversBesideTheSchemaDirectory();
        assertFalse(Files.exists(project.dir().resolve(".postkit/db/committed.json")));
        assertEquals("v", remote.queryValue("SELECT relkind FROM pg_class WHERE relname = 'schema_migrations'"));
    }

    private List<String> versions() throws SQLException {
        return List.of(remote.queryValue("SELECT string_agg(version, ',' ORDER BY version) FROM schema_migrations")
                .split(","));
    }

    private ImportCommand.Result importWith(ImportCommand.Request request) {
        return new ImportCommand(project.confirmingWorkspace(PostkitLog.SILENT, List.of("public"),
                Confirmation.BATCH), CLOCK).run(request);
    }

    /** The schema directory holds what it held, .postkit/db holds no history, the source no migration table. */
    private void assertNothingWritten(String schemaDirBefore) throws Exception {
        assertEquals(schemaDirBefore, ImportFiles.tree(project.schemaDir()));
        assertFalse(Files.exists(project.dir().resolve(".postkit/db/committed.json")));
        assertFalse(Files.exists(project.dir().resolve(".postkit/db/migrations")));
        assertEquals("f", remote.queryValue("SELECT to_regclass('public.schema_migrations') IS NOT NULL"));
        assertEquals("10", remote.queryValue("SELECT count(*) FROM customers"));
    }

    private void assertNoLeftoversBesideTheSchemaDirectory() throws IOException {
        try (Stream<Path> siblings = Files.list(project.schemaDir().getParent())) {
            assertEquals(List.of("schema"), siblings.map(p -> p.getFileName().toString()).toList());
        }
    }

    private static Confirmation answering(boolean answer, List<String> questions) {
        return new Confirmation() {
            @Override
            public boolean interactive() {
                return true;
            }

            @Override
            public boolean confirm(String question) {
                questions.add(question);
                return answer;
            }
        };
    }
}
