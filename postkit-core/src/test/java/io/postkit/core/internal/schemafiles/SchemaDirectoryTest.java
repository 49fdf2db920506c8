package io.postkit.core.internal.schemafiles;

import io.postkit.core.api.PostkitException;
import io.postkit.core.api.SqlStatementException;
import io.postkit.core.internal.sql.ScriptStatement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SchemaDirectoryTest {

    @TempDir
    Path project;

    private void write(String path, String sql) throws IOException {
        Path file = project.resolve("db/schema").resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, sql);
    }

    @Test
    void readsConventionalFoldersFirstThenByPathAndSortsRoles() throws IOException {
        write("zz/extra.sql", "");
        write("indexes/i.sql", "");
        write("tables/b.sql", "");
        write("tables/a.sql", "");
        write("types/t.sql", "");
        write("infra/roles.sql", "");
        write("seeds/data.sql", "");
        write("readme.txt", "not sql");
        SchemaDirectory dir = SchemaDirectory.read(project, project.resolve("db/schema"));
        assertEquals(List.of("db/schema/types/t.sql", "db/schema/tables/a.sql", "db/schema/tables/b.sql",
                "db/schema/indexes/i.sql", "db/schema/zz/extra.sql"),
                dir.files(FileRole.DESIRED).stream().map(SchemaFile::path).toList());
        assertEquals(List.of("db/schema/infra/roles.sql"),
                dir.files(FileRole.INFRA).stream().map(SchemaFile::path).toList());
        assertEquals(List.of("db/schema/seeds/data.sql"),
                dir.files(FileRole.SEEDS).stream().map(SchemaFile::path).toList());
    }

    @Test
    void theFingerprintFollowsDesiredAndInfraFilesButNotSeeds() throws IOException {
        write("tables/a.sql", "CREATE TABLE a ();");
        String before = SchemaDirectory.read(project, project.resolve("db/schema")).fingerprint();
        write("seeds/data.sql", "INSERT INTO a DEFAULT VALUES;");
        assertEquals(before, SchemaDirectory.read(project, project.resolve("db/schema")).fingerprint());
        write("tables/a.sql", "CREATE TABLE a (id int);");
        assertNotEquals(before, SchemaDirectory.read(project, project.resolve("db/schema")).fingerprint());
    }

    @Test
    void aMissingDirectorySaysWhatToDo() {
        PostkitException e = assertThrows(PostkitException.class,
                () -> SchemaDirectory.read(project, project.resolve("db/schema")));
        assertTrue(e.getMessage().startsWith("The schema directory db/schema does not exist."), e.getMessage());
    }

    @Test
    void misplacedStatementsAreRefusedWithTheirPlace() {
        SqlStatementException ext = assertThrows(SqlStatementException.class,
                () -> StatementPolicy.check(new ScriptStatement("create  extension pgcrypto", "f.sql", 7)));
        assertEquals("f.sql:7", ext.location());
        assertEquals("'CREATE EXTENSION' does not belong in a schema file, which declares the desired state",
                ext.problem());
        assertTrue(ext.getMessage().endsWith("\nPut it in infra/."), ext.getMessage());
        assertThrows(PostkitException.class,
                () -> StatementPolicy.check(new ScriptStatement("ALTER TABLE t RENAME TO u", "f.sql", 1)));
        assertThrows(PostkitException.class,
                () -> StatementPolicy.check(new ScriptStatement("DROP TABLE t", "f.sql", 1)));
        assertDoesNotThrow(() -> StatementPolicy.check(new ScriptStatement(
                "ALTER TABLE t ADD CONSTRAINT fk FOREIGN KEY (a) REFERENCES u (id)", "f.sql", 1)));
        assertDoesNotThrow(() -> StatementPolicy.check(new ScriptStatement("CREATE TABLE settings (k text)", "f", 1)));
    }

    /** A trigger's firing state is part of what a table is: import writes it, so schema files may say it. */
    @Test
    void aTriggersFiringStateMayBeDeclared() {
        for (String state : List.of("DISABLE TRIGGER", "ENABLE REPLICA TRIGGER", "ENABLE ALWAYS TRIGGER")) {
            assertDoesNotThrow(() -> StatementPolicy.check(new ScriptStatement(
                    "ALTER TABLE \"public\".\"orders\" " + state + " \"orders_touch\"", "f.sql", 1)), state);
        }
        assertThrows(PostkitException.class, () -> StatementPolicy.check(new ScriptStatement(
                "ALTER TABLE orders DISABLE TRIGGER ALL, DROP COLUMN note", "f.sql", 1)));
    }
}
