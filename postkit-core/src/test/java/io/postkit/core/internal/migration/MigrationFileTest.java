package io.postkit.core.internal.migration;

import io.postkit.core.api.PostkitException;
import io.postkit.core.internal.sql.ScriptStatement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MigrationFileTest {

    private static final String FILE = "20260101000000_x.sql";

    private static String malformed(String fileName, String content) {
        return assertThrows(PostkitException.class, () -> MigrationFile.parse(fileName, content)).getMessage();
    }

    private static String sha256(String text) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void rendersAndParsesDbmatesFormat() {
        MigrationFile file = new MigrationFile("20261122101500", "add_orders", "CREATE TABLE t (id int);",
                "DROP TABLE t;", true);
        assertEquals("20261122101500_add_orders.sql", file.fileName());
        assertEquals("-- migrate:up\nCREATE TABLE t (id int);\n\n-- migrate:down\nDROP TABLE t;\n", file.render());
        assertEquals(file, MigrationFile.parse(file.fileName(), file.render()));
    }

    @Test
    void rendersTrimmedSectionsAndEmptyOnes() {
        MigrationFile file = new MigrationFile("20260101000000", "x", "\n  SELECT 1;  \n", null, false);
        assertEquals("-- migrate:up transaction:false\nSELECT 1;\n\n-- migrate:down\n\n", file.render());
        assertEquals("SELECT 1;", MigrationFile.parse(file.fileName(), file.render()).up());
    }

    @Test
    void readsTransactionFalseAndAMissingDownSection() {
        MigrationFile file = MigrationFile.parse(FILE,
                "-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY i ON t (a);\n");
        assertFalse(file.upTransactional());
        assertEquals("CREATE INDEX CONCURRENTLY i ON t (a);", file.up());
        assertEquals("", file.down());
    }

    @Test
    void readsMarkerOptionsAsDbmateDoes() {
        assertTrue(MigrationFile.parse(FILE, "-- migrate:up transaction:true\nSELECT 1;").upTransactional());
        assertTrue(MigrationFile.parse(FILE, "-- migrate:up transaction:falsey\nSELECT 1;").upTransactional());
        assertFalse(MigrationFile.parse(FILE, "--migrate:up  foo:bar\ttransaction:false \nSELECT 1;")
                .upTransactional());
        // the down marker's options belong to the down section
        assertTrue(MigrationFile.parse(FILE, "-- migrate:up\nSELECT 1;\n-- migrate:down transaction:false\n")
                .upTransactional());
    }

    @Test
    void keepsAFileAsReadSoRewritingItChangesNothing() {
        String content = "-- Adds orders.\n-- migrate:up\n\n\nCREATE TABLE orders ();\n-- migrate:down   \r\n"
                + "DROP TABLE orders;\n\n\n";
        MigrationFile file = MigrationFile.parse("20260101000000_add-orders.v2.sql", content);
        assertEquals("add-orders.v2", file.name());
        assertEquals("CREATE TABLE orders ();", file.up());
        assertEquals("DROP TABLE orders;", file.down());
        assertEquals(content, file.render());
    }

    @Test
    void theChecksumIsTheSha256OfTheFileBytes() throws NoSuchAlgorithmException {
        String content = "-- migrate:up\nINSERT INTO t VALUES ('é');\n-- migrate:down\n";
        assertEquals(sha256(content), MigrationFile.parse(FILE, content).checksum());
        MigrationFile made = new MigrationFile("20260101000000", "x", "SELECT 1;", "", true);
        assertEquals(sha256(made.render()), made.checksum());
        assertEquals(64, made.checksum().length());
        assertEquals(made.checksum().toLowerCase(), made.checksum());
    }

    @Test
    void anyEditOfAFileChangesItsChecksum() {
        String content = "-- migrate:up\nSELECT 1;\n-- migrate:down\n";
        String checksum = MigrationFile.parse(FILE, content).checksum();
        assertNotEquals(checksum, MigrationFile.parse(FILE, content.replace("1", "2")).checksum());
        assertNotEquals(checksum, MigrationFile.parse(FILE, "-- note\n" + content).checksum());
        assertNotEquals(checksum, MigrationFile.parse(FILE, content + "\n").checksum());
    }

    @Test
    void upStatementsCountLinesInTheWholeFile() {
        MigrationFile file = MigrationFile.parse(FILE, "-- header\n-- migrate:up\n\nCREATE TABLE a ();\n"
                + "CREATE TABLE b (\n  x int\n);\n-- migrate:down\nDROP TABLE b;\n");
        List<ScriptStatement> statements = file.upStatements(".postkit/db/migrations/" + FILE);
        assertEquals(List.of("CREATE TABLE a ()", "CREATE TABLE b (\n  x int\n)"),
                statements.stream().map(ScriptStatement::sql).toList());
        assertEquals(List.of(4, 5), statements.stream().map(ScriptStatement::line).toList());
        assertEquals(6, statements.get(1).lineOf(statements.get(1).sql().indexOf("x") + 1));
    }

    @Test
    void upStatementsOfANewMigrationStartAfterTheMarker() {
        MigrationFile file = new MigrationFile("20260101000000", "x", "SELECT 1;\nSELECT 2;", "SELECT 3;", true);
        assertEquals(List.of(2, 3), file.upStatements("m.sql").stream().map(ScriptStatement::line).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"add.sql", "2026010100000_x.sql", "20260101000000x.sql", "20260101000000_.sql",
        "20260101000000_x.SQL", "20260101000000_a b.sql", "20260101000000_x.sql.bak"})
    void badFileNamesAreNamedWithTheExpectedForm(String fileName) {
        String message = malformed(fileName, "-- migrate:up\n");
        assertTrue(message.startsWith("Migration file " + fileName + " is not named YYYYMMDDHHMMSS_<name>.sql"),
                message);
        assertTrue(message.contains("rename it"), message);
    }

    @Test
    void aFileWithoutUpMarkerIsRefused() {
        String message = malformed(FILE, "CREATE TABLE t ();");
        assertTrue(message.startsWith("Migration file " + FILE + " has no '-- migrate:up' line"), message);
        assertTrue(malformed(FILE, "-- migrate:upgrade\nSELECT 1;").contains("no '-- migrate:up' line"));
        assertTrue(malformed(FILE, "SELECT 1; -- migrate:up\n").contains("no '-- migrate:up' line"));
    }

    @Test
    void downBeforeUpIsRefused() {
        String message = malformed(FILE, "-- migrate:down\nDROP TABLE t;\n-- migrate:up\nCREATE TABLE t ();\n");
        assertTrue(message.contains(FILE + " has '-- migrate:down' before '-- migrate:up'"), message);
    }

    @Test
    void statementsBeforeUpAreRefusedButCommentsAreFine() {
        String message = malformed(FILE, "-- fine\n\nCREATE TYPE s AS ENUM ();\n-- migrate:up\nSELECT 1;\n");
        assertTrue(message.contains(FILE + " has statements before '-- migrate:up' (line 4)"), message);
        assertEquals("SELECT 1;", MigrationFile.parse(FILE, "  -- fine\n\n-- migrate:up\nSELECT 1;\n").up());
    }

    @Test
    void aSecondMarkerIsRefusedWithBothLines() {
        String message = malformed(FILE, "-- migrate:up\nSELECT 1;\n-- migrate:up\nSELECT 2;\n-- migrate:down\n");
        assertTrue(message.contains(FILE + " has two '-- migrate:up' lines (lines 1 and 3)"), message);
        assertTrue(malformed(FILE, "-- migrate:up\n-- migrate:down\n-- migrate:down\n")
                .contains("two '-- migrate:down' lines (lines 2 and 3)"));
    }
}
