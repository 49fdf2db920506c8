package io.postkit.core.sql;

import io.postkit.core.PostkitException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqlScriptTest {

    private static List<String> sql(String script) {
        return SqlScript.split(script, "f.sql").stream().map(ScriptStatement::sql).toList();
    }

    @Test
    void splitsOnTopLevelSemicolonsOnly() {
        assertEquals(List.of("SELECT 'a;b'", "SELECT \"x;y\"", "SELECT E'it\\'s;'", "SELECT 'it''s;'"),
                sql("SELECT 'a;b'; SELECT \"x;y\";\nSELECT E'it\\'s;'; SELECT 'it''s;';"));
    }

    @Test
    void keepsDollarQuotedBodiesWhole() {
        String fn = "CREATE FUNCTION f() RETURNS int AS $body$ BEGIN RETURN 1; END; $body$ LANGUAGE plpgsql";
        assertEquals(List.of(fn, "SELECT $$;$$"), sql(fn + ";\nSELECT $$;$$;"));
    }

    @Test
    void positionalParametersAreNotDollarQuotes() {
        assertEquals(List.of("PREPARE p AS SELECT $1", "SELECT 2"), sql("PREPARE p AS SELECT $1; SELECT 2;"));
    }

    @Test
    void commentsDoNotEndOrMakeStatements() {
        assertEquals(List.of("SELECT 1", "SELECT 2"),
                sql("-- a; comment\nSELECT 1; /* outer /* inner; */ still; */ SELECT 2; -- trailing;\n/* only */"));
    }

    @Test
    void reportsTheLineOfEachStatementAndOfAnErrorPosition() {
        List<ScriptStatement> statements = SqlScript.split("-- header\n\nCREATE TABLE a (\n  id int,\n  x nope\n);\n"
                + "SELECT 1;", "db/schema/a.sql");
        assertEquals(3, statements.get(0).line());
        assertEquals(7, statements.get(1).line());
        int position = statements.get(0).sql().indexOf("nope") + 1;
        assertEquals(5, statements.get(0).lineOf(position));
        assertEquals("db/schema/a.sql", statements.get(0).source());
    }

    @Test
    void aStatementWithoutFinalSemicolonCounts() {
        assertEquals(List.of("SELECT 1", "SELECT 2"), sql("SELECT 1;\nSELECT 2\n"));
    }

    @Test
    void refusesPsqlMetaCommandsWithFileAndLine() {
        PostkitException e = assertThrows(PostkitException.class,
                () -> SqlScript.split("SELECT 1;\n\\connect other\nSELECT 2;", "seed.sql"));
        assertTrue(e.getMessage().startsWith("seed.sql:2:"), e.getMessage());
    }

    @Test
    void identifiersEndingInEAreNotEscapeStrings() {
        // with a backslash before the closing quote: an escape string would swallow the semicolon
        assertEquals(List.of("SELECT type'a\\'", "SELECT 1"), sql("SELECT type'a\\'; SELECT 1;"));
    }
}
