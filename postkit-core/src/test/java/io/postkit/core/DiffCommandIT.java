package io.postkit.core;

import io.postkit.core.api.Host;
import io.postkit.core.api.Confirmation;
import io.postkit.core.api.ServerCredentials;

import io.postkit.core.api.PostkitException;
import io.postkit.core.api.SqlStatementException;
import io.postkit.core.api.PostkitLog;
import io.postkit.core.testing.TestDatabase;
import io.postkit.core.testing.TestPostgres;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiffCommandIT {

    private static Host host() {
        return new Host(TestPostgres.binaries(), ServerCredentials.NONE, Confirmation.BATCH, PostkitLog.SILENT,
                TestPostgres.machine().withEnvironment(Map.of("PGUSER", "postgres")));
    }

    private static DiffCommand diff() {
        return new DiffCommand(host(), TestPostgres.workDir().resolve("diff-server"));
    }

    @Test
    void fromADatabaseToFilesAndAppliedTheDiffIsEmpty() throws Exception {
        TestDatabase db = TestPostgres.freshDatabase(18);
        db.execute("CREATE TABLE t (id int PRIMARY KEY, status varchar(5) CHECK (status IN ('a', 'b')));"
                + " INSERT INTO t VALUES (1, 'a');");
        Path dir = Files.createDirectories(TestPostgres.workDir().resolve("diff-files-" + System.nanoTime()));
        Files.writeString(dir.resolve("t.sql"), "CREATE TABLE t (id int PRIMARY KEY,"
                + " status varchar(5) CHECK (status IN ('a', 'b')), note text);\nCREATE INDEX t_note ON t (note);");

        String sql = diff().run(new DiffCommand.Request(db.url(), dir.toString(), null, List.of()));

        assertEquals("BEGIN;\n\nALTER TABLE \"public\".\"t\" ADD COLUMN \"note\" text;\n\n"
                + "CREATE INDEX t_note ON public.t USING btree (note);\n\nCOMMIT;\n", sql);
        db.execute(sql);
        assertEquals("", diff().run(new DiffCommand.Request(db.url(), dir.toString(), null, List.of())));
    }

    @Test
    void twoDatabasesOfOneMajorAreComparedWhereTheyAreWithoutALocalServer() throws Exception {
        TestDatabase from = TestPostgres.freshDatabase(13);
        TestDatabase to = TestPostgres.freshDatabase(13);
        from.execute("CREATE TABLE t (id int PRIMARY KEY); CREATE VIEW v AS SELECT id FROM t;");
        to.execute("CREATE TABLE t (id int PRIMARY KEY, note text); CREATE VIEW v AS SELECT id, note FROM t;"
                + " CREATE SCHEMA audit; CREATE TABLE audit.log (at timestamptz);");
        Path work = TestPostgres.workDir().resolve("diff-in-place-" + System.nanoTime());

        String sql = new DiffCommand(host(), work).run(new DiffCommand.Request(from.url(), to.url(), null, List.of()));

        assertTrue(sql.contains("CREATE SCHEMA \"audit\""), sql);
        assertTrue(sql.contains("ADD COLUMN \"note\" text"), sql);
        assertTrue(sql.contains("CREATE TABLE \"audit\".\"log\""), sql);
        assertTrue(sql.contains("VIEW \"public\".\"v\""), sql);
        assertFalse(Files.exists(work), "no embedded server was needed: " + work);
        from.execute(sql);
        assertEquals("", new DiffCommand(host(), work).run(new DiffCommand.Request(from.url(), to.url(), null,
                List.of())));
    }

    /** A migrated remote compared in place with a database that was never migrated: its migration table is left out. */
    @Test
    void theMigrationTableIsLeftOutWhenDatabasesAreReadInPlace() throws Exception {
        TestDatabase migrated = TestPostgres.freshDatabase(13);
        TestDatabase plain = TestPostgres.freshDatabase(13);
        migrated.execute("CREATE ROLE diff_reader_in_place; CREATE TABLE t (id int);"
                + " CREATE TABLE schema_migrations (version varchar(128) PRIMARY KEY);"
                + " GRANT SELECT ON schema_migrations TO diff_reader_in_place;");
        plain.execute("CREATE TABLE t (id int);");

        assertEquals("", diff().run(new DiffCommand.Request(migrated.url(), plain.url(), null, List.of())));
        assertEquals("", diff().run(new DiffCommand.Request(plain.url(), migrated.url(), null, List.of())));
    }

    /**
     * A database built from another's printed definitions (an imported baseline) prints a {@code varchar IN (...)}
     * check differently; read in place, diff showed it as a change (the import-existing invoker IT). A real change to
     * the check still shows.
     */
    @Test
    void anExpressionPrintedDifferentlyIsNoDifferenceInPlace() throws Exception {
        TestDatabase original = TestPostgres.freshDatabase(13);
        TestDatabase rebuilt = TestPostgres.freshDatabase(13);
        original.execute("CREATE TABLE invoices (kind varchar(10) CHECK (kind IN ('invoice', 'credit'))"
                + " DEFAULT 'invoice');");
        rebuilt.execute("CREATE TABLE invoices (kind varchar(10) DEFAULT 'invoice');"
                + " ALTER TABLE invoices ADD CONSTRAINT invoices_kind_check " + original.queryValue(
                "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'invoices_kind_check'"));
        assertNotEquals(original.queryValue("SELECT pg_get_constraintdef(oid) FROM pg_constraint"
                        + " WHERE conname = 'invoices_kind_check'"), rebuilt.queryValue("SELECT pg_get_constraintdef(oid)"
                        + " FROM pg_constraint WHERE conname = 'invoices_kind_check'"),
                "the premise: PostgreSQL prints the two differently");

        assertEquals("", diff().run(new DiffCommand.Request(original.url(), rebuilt.url(), null, List.of())));

        rebuilt.execute("ALTER TABLE invoices DROP CONSTRAINT invoices_kind_check,"
                + " ADD CONSTRAINT invoices_kind_check CHECK (kind IN ('invoice', 'credit', 'refund'))");
        assertTrue(diff().run(new DiffCommand.Request(original.url(), rebuilt.url(), null, List.of()))
                .contains("'refund'"), "a real change is still found");
    }

    @Test
    void filesMayUseTheDatabaseSidesExtensions() throws Exception {
        TestDatabase db = TestPostgres.freshDatabase(18);
        db.execute("CREATE EXTENSION pg_trgm; CREATE TABLE t (id int, note text);");
        Path dir = Files.createDirectories(TestPostgres.workDir().resolve("diff-ext-" + System.nanoTime()));
        Files.writeString(dir.resolve("t.sql"), "CREATE TABLE t (id int, note text);\n"
                + "CREATE INDEX t_note_trgm ON t USING gin (note gin_trgm_ops);");

        String sql = diff().run(new DiffCommand.Request(db.url(), dir.toString(), null, List.of()));

        assertEquals("BEGIN;\n\nCREATE INDEX t_note_trgm ON public.t USING gin (note public.gin_trgm_ops);\n\nCOMMIT;\n",
                sql);
        db.execute(sql);
        assertEquals("", diff().run(new DiffCommand.Request(db.url(), dir.toString(), null, List.of())));
    }

    @Test
    void fileSourcesReportFileAndLine() throws Exception {
        Path dir = Files.createDirectories(TestPostgres.workDir().resolve("diff-bad-" + System.nanoTime()));
        Path good = Files.writeString(dir.resolve("good.sql"), "CREATE TABLE t (id int);");
        Path bad = Files.writeString(dir.resolve("bad.sql"), "CREATE TABLE t (\n  id nosuchtype\n);");
        SqlStatementException e = assertThrows(SqlStatementException.class,
                () -> diff().run(new DiffCommand.Request(good.toString(), bad.toString(), 13, List.of())));
        assertEquals(bad.toString(), e.source());
        assertEquals(2, e.line());
        assertEquals(6, e.column());
        assertEquals("ERROR: type \"nosuchtype\" does not exist", e.problem());
        PostkitException missing = assertThrows(PostkitException.class,
                () -> diff().run(new DiffCommand.Request(good.toString(), "nowhere.sql", null, List.of())));
        assertEquals("postkit:diff: to nowhere.sql is neither a JDBC URL nor an existing .sql file or folder.",
                missing.getMessage());
    }
}
