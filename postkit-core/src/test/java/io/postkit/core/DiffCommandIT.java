package io.postkit.core;

import io.postkit.core.api.Host;
import io.postkit.core.api.Confirmation;
import io.postkit.core.api.ServerCredentials;

import io.postkit.core.api.PostkitException;
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

        assertEquals("ALTER TABLE \"public\".\"t\" ADD COLUMN \"note\" text;\n\n"
                + "CREATE INDEX t_note ON public.t USING btree (note);\n", sql);
        db.execute(sql);
        assertEquals("", diff().run(new DiffCommand.Request(db.url(), dir.toString(), null, List.of())));
    }

    @Test
    void filesMayUseTheDatabaseSidesExtensions() throws Exception {
        TestDatabase db = TestPostgres.freshDatabase(18);
        db.execute("CREATE EXTENSION pg_trgm; CREATE TABLE t (id int, note text);");
        Path dir = Files.createDirectories(TestPostgres.workDir().resolve("diff-ext-" + System.nanoTime()));
        Files.writeString(dir.resolve("t.sql"), "CREATE TABLE t (id int, note text);\n"
                + "CREATE INDEX t_note_trgm ON t USING gin (note gin_trgm_ops);");

        String sql = diff().run(new DiffCommand.Request(db.url(), dir.toString(), null, List.of()));

        assertEquals("CREATE INDEX t_note_trgm ON public.t USING gin (note public.gin_trgm_ops);\n", sql);
        db.execute(sql);
        assertEquals("", diff().run(new DiffCommand.Request(db.url(), dir.toString(), null, List.of())));
    }

    @Test
    void fileSourcesReportFileAndLine() throws Exception {
        Path dir = Files.createDirectories(TestPostgres.workDir().resolve("diff-bad-" + System.nanoTime()));
        Path good = Files.writeString(dir.resolve("good.sql"), "CREATE TABLE t (id int);");
        Path bad = Files.writeString(dir.resolve("bad.sql"), "CREATE TABLE t (\n  id nosuchtype\n);");
        PostkitException e = assertThrows(PostkitException.class,
                () -> diff().run(new DiffCommand.Request(good.toString(), bad.toString(), 13, List.of())));
        // the third line, the remedy, says "run postkit:plan again" even here, in postkit:diff (reported)
        assertEquals(bad + ":2: ERROR: type \"nosuchtype\" does not exist (SQLSTATE 42704)\n"
                + "  Statement: CREATE TABLE t (", e.getMessage().lines().limit(2).collect(Collectors.joining("\n")));
        PostkitException missing = assertThrows(PostkitException.class,
                () -> diff().run(new DiffCommand.Request(good.toString(), "nowhere.sql", null, List.of())));
        assertEquals("postkit:diff: to nowhere.sql is neither a JDBC URL nor an existing .sql file or folder.",
                missing.getMessage());
    }
}
