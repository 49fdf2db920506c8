package io.postkit.core.internal.sql;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
        assertEquals("db/schema/a.sql:5", statement.locationOf(positionOf("nope")));
        assertEquals("db/schema/a.sql:3", statement.location());
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
    void countsCharactersAsPostgresqlDoesNotUtf16Units() {
        // the emoji is one character for PostgreSQL but two chars in Java: counting chars would land on line 1
        ScriptStatement emoji = new ScriptStatement("SELECT '\uD83D\uDE00'\n, x", "a.sql", 1);
        int postgresPositionOfComma = "SELECT '?'\n, x".indexOf(',') + 1;
        assertEquals(2, emoji.lineOf(postgresPositionOfComma));
        assertEquals(1, emoji.lineOf(postgresPositionOfComma - 1));
    }
}
