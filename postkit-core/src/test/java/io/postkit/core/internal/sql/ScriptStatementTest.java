package io.postkit.core.internal.sql;

import io.postkit.core.api.SqlStatementException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ScriptStatementTest {

    private final ScriptStatement statement =
            new ScriptStatement("CREATE TABLE a (\n  id int,\n  x nope\n)", "db/schema/a.sql", 3);

    private int positionOf(String text) {
        return statement.sql().indexOf(text) + 1;
    }

    @Test
    void mapsAnErrorPositionToItsFileLine() {
        assertEquals(3, statement.lineOf(positionOf("CREATE")));
        assertEquals(4, statement.lineOf(positionOf("id")));
        assertEquals(5, statement.lineOf(positionOf("nope")));
        assertEquals("db/schema/a.sql:3", statement.location());
    }

    @Test
    void mapsAnErrorPositionToItsColumnCountingTheStatementsOwnStartOnItsFirstLine() {
        assertEquals(5, statement.columnOf(positionOf("nope")), "after two spaces of indentation and 'x '");
        assertEquals(1, statement.columnOf(positionOf("CREATE")));
        ScriptStatement indented = new ScriptStatement("SELECT nope", "a.sql", 7, 9);
        assertEquals(16, indented.columnOf(indented.sql().indexOf("nope") + 1),
                "the statement starts at column 9 of its line");
    }

    @Test
    void theNewlineItselfBelongsToTheLineItEnds() {
        assertEquals(3, statement.lineOf(positionOf("\n")));
        assertEquals(4, statement.lineOf(positionOf("\n") + 1));
    }

    @Test
    void positionsOutsideTheStatementAreClamped() {
        assertEquals(3, statement.lineOf(0));
        assertEquals(3, statement.lineOf(-7));
        assertEquals(6, statement.lineOf(10_000));
    }

    @Test
    void aRefusalPointsAtTheStatementAndHasNoSqlState() {
        SqlStatementException refused = new ScriptStatement("DO $$ BEGIN END $$", "db/schema/x.sql", 4, 3)
                .refusal("'DO' does not belong in a schema file", "Put it in a manual migration.");
        assertEquals("db/schema/x.sql", refused.source());
        assertEquals(4, refused.line());
        assertEquals(3, refused.column());
        assertNull(refused.sqlState());
        assertEquals("'DO' does not belong in a schema file", refused.problem());
        assertEquals("db/schema/x.sql:4:3: 'DO' does not belong in a schema file\n  Statement: DO $$ BEGIN END $$"
                + "\nPut it in a manual migration.", refused.getMessage());
    }

    @Test
    void countsCharactersAsPostgresqlDoesNotUtf16Units() {
        // the emoji is one character for PostgreSQL but two chars in Java: counting chars would land on line 1
        ScriptStatement emoji = new ScriptStatement("SELECT '\uD83D\uDE00'\n, x", "a.sql", 1);
        int postgresPositionOfComma = "SELECT '?'\n, x".indexOf(',') + 1;
        assertEquals(2, emoji.lineOf(postgresPositionOfComma));
        assertEquals(1, emoji.lineOf(postgresPositionOfComma - 1));
    }
}
