package io.postkit.core.internal.sql;

import io.postkit.core.api.PostkitException;
import io.postkit.core.api.SqlStatementException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqlScriptTest {

    private static List<String> sql(String script) {
        return SqlScript.split(script, "f.sql").stream().map(ScriptStatement::sql).toList();
    }

    private static List<Integer> lines(String script) {
        return SqlScript.split(script, "f.sql").stream().map(ScriptStatement::line).toList();
    }

    @Nested
    class Quoting {

        @Test
        void splitsOnTopLevelSemicolonsOnly() {
            assertEquals(List.of("SELECT 'a;b'", "SELECT \"x;y\"", "SELECT E'it\\'s;'", "SELECT 'it''s;'"),
                    sql("SELECT 'a;b'; SELECT \"x;y\";\nSELECT E'it\\'s;'; SELECT 'it''s;';"));
        }

        @Test
        void standardStringsTakeBackslashesLiterally() {
            // standard_conforming_strings: 'a\' is a whole string, so the semicolon after it ends the statement
            assertEquals(List.of("SELECT 'a\\'", "SELECT 2"), sql("SELECT 'a\\'; SELECT 2;"));
        }

        @Test
        void escapeStringsKeepEscapedBackslashesAndQuotes() {
            assertEquals(List.of("SELECT e'\\\\'", "SELECT E'\\';'';'"),
                    sql("SELECT e'\\\\'; SELECT E'\\';'';';"));
        }

        @Test
        void identifiersEndingInEAreNotEscapeStrings() {
            // with a backslash before the closing quote: an escape string would swallow the semicolon
            assertEquals(List.of("SELECT type'a\\'", "SELECT 1"), sql("SELECT type'a\\'; SELECT 1;"));
        }

        @Test
        void quotedIdentifiersMayDoubleTheirQuotes() {
            assertEquals(List.of("CREATE TABLE \"a\"\";b\" (id int)", "SELECT 1"),
                    sql("CREATE TABLE \"a\"\";b\" (id int); SELECT 1;"));
        }

        @Test
        void commentMarkersInsideStringsAreText() {
            assertEquals(List.of("SELECT '--;', '/*;'", "SELECT \"--\""),
                    sql("SELECT '--;', '/*;'; SELECT \"--\";"));
        }

        @Test
        void anUnterminatedStringRunsToTheEndAndIsLeftForPostgresqlToReport() {
            assertEquals(List.of("SELECT 1", "SELECT 'oops; SELECT 2;"), sql("SELECT 1; SELECT 'oops; SELECT 2;"));
        }
    }

    @Nested
    class DollarQuoting {

        @Test
        void keepsDollarQuotedBodiesWhole() {
            String fn = "CREATE FUNCTION f() RETURNS int AS $body$ BEGIN RETURN 1; END; $body$ LANGUAGE plpgsql";
            assertEquals(List.of(fn, "SELECT $$;$$"), sql(fn + ";\nSELECT $$;$$;"));
        }

        @Test
        void aTaggedBodyMayContainOtherDollarQuotes() {
            String fn = "CREATE FUNCTION f() RETURNS text AS $fn$ SELECT $$;$$ || $x$;$x$; $fn$ LANGUAGE sql";
            assertEquals(List.of(fn, "SELECT 2"), sql(fn + "; SELECT 2;"));
        }

        @Test
        void quotesAndCommentsInsideABodyDoNotCount() {
            String fn = "DO $$ BEGIN RAISE NOTICE 'it''s'; -- done;\n /* ; */ END $$";
            assertEquals(List.of(fn, "SELECT 1"), sql(fn + ";\nSELECT 1;"));
        }

        @Test
        void positionalParametersAreNotDollarQuotes() {
            assertEquals(List.of("PREPARE p AS SELECT $1", "SELECT 2"), sql("PREPARE p AS SELECT $1; SELECT 2;"));
            assertEquals(List.of("PREPARE p(int, int) AS SELECT $1+$2", "SELECT 3"),
                    sql("PREPARE p(int, int) AS SELECT $1+$2; SELECT 3;"));
        }

        @Test
        void aDollarInsideAnIdentifierIsNotAQuote() {
            assertEquals(List.of("SELECT a$b$c FROM t", "SELECT 2"), sql("SELECT a$b$c FROM t; SELECT 2;"));
        }

        @Test
        void tagsAreCaseSensitive() {
            assertEquals(List.of("SELECT $A$ ; $a$ ; $A$", "SELECT 2"), sql("SELECT $A$ ; $a$ ; $A$; SELECT 2;"));
        }

        @Test
        void linesInsideABodyAreCounted() {
            assertEquals(List.of(1, 5), lines("DO $$\nBEGIN;\nEND\n$$;\nSELECT 1;"));
        }
    }

    @Nested
    class Comments {

        @Test
        void commentsDoNotEndOrMakeStatements() {
            assertEquals(List.of("SELECT 1", "SELECT 2"),
                    sql("-- a; comment\nSELECT 1; /* outer /* inner; */ still; */ SELECT 2; -- trailing;\n/* only */"));
        }

        @Test
        void nestedBlockCommentsCloseOnlyAtTheirOwnDepth() {
            assertEquals(List.of("SELECT 1"), sql("/* a /* b /* c */ ; */ ; */ SELECT 1;"));
        }

        @Test
        void aCommentInsideAStatementStaysInIt() {
            assertEquals(List.of("SELECT 1 -- one;\n  + 2"), sql("SELECT 1 -- one;\n  + 2;"));
        }

        @Test
        void aScriptOfOnlyCommentsAndBlanksHasNoStatements() {
            assertEquals(List.of(), sql("-- nothing\n\n/* here; */\n  ;\n;;"));
            assertEquals(List.of(), sql(""));
        }
    }

    @Nested
    class Lines {

        @Test
        void eachStatementStartsAtItsFirstCharacterAfterCommentsAndBlanks() {
            List<ScriptStatement> statements = SqlScript.split("-- header\n\nCREATE TABLE a (\n  id int\n);\n"
                    + "/* note */ SELECT 1;  SELECT 2;\n\n\n  SELECT 3", "db/schema/a.sql");
            assertEquals(List.of(3, 6, 6, 9), statements.stream().map(ScriptStatement::line).toList());
            assertEquals("db/schema/a.sql", statements.get(0).source());
            assertEquals("SELECT 3", statements.get(3).sql());
        }

        @Test
        void multiLineStringsAndCommentsAdvanceTheLine() {
            assertEquals(List.of(1, 3, 6), lines("SELECT 'a\nb';\nSELECT E'\\\n';\n/*\n*/SELECT 3;"));
        }

        @Test
        void windowsLineEndingsCountOnce() {
            assertEquals(List.of(1, 3), lines("SELECT 1;\r\n\r\nSELECT 2;\r\n"));
        }

        @Test
        void aPartOfAFileCountsFromItsFirstLine() {
            List<ScriptStatement> statements = SqlScript.split("\nSELECT 1;\nSELECT 2;", "m.sql", 10);
            assertEquals(List.of(11, 12), statements.stream().map(ScriptStatement::line).toList());
        }

        @Test
        void aStatementWithoutFinalSemicolonCounts() {
            assertEquals(List.of("SELECT 1", "SELECT 2"), sql("SELECT 1;\nSELECT 2\n"));
        }
    }

    @Nested
    class PsqlMetaCommands {

        @Test
        void areRefusedWithFileAndLine() {
            SqlStatementException e = assertThrows(SqlStatementException.class,
                    () -> SqlScript.split("SELECT 1;\n\\connect other\nSELECT 2;", "db/schema/seed.sql"));
            assertEquals("db/schema/seed.sql", e.source());
            assertEquals(2, e.line());
            assertEquals(1, e.column());
            assertEquals("psql meta-commands are not supported in schema files or migrations (\\connect)",
                    e.problem());
            assertNull(e.sqlState());
        }

        @Test
        void areRefusedInTheMiddleOfAStatementAndAfterIndentation() {
            SqlStatementException e = assertThrows(SqlStatementException.class,
                    () -> SqlScript.split("SELECT 1\n\n   \\gset\n", "a.sql"));
            assertEquals("a.sql:3", e.location());
            assertEquals(4, e.column());
        }

        @Test
        void nameOnlyTheCommandNotItsArguments() {
            // \connect may carry a connection string with a password
            PostkitException e = assertThrows(PostkitException.class,
                    () -> SqlScript.split("\\c \"dbname=x password=hunter2\"", "a.sql"));
            assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        }

        @Test
        void backslashesInsideStringsBodiesAndCommentsAreText() {
            assertEquals(List.of("SELECT '\n\\n'", "DO $$\n\\x\n$$", "SELECT 1"), sql("SELECT '\n\\n';\nDO $$\n\\x\n$$;\n/*\n\\i x\n*/ SELECT 1;\n-- \\q\n"));
        }

        @Test
        void aBackslashAfterOtherTextOnTheLineIsLeftToPostgresql() {
            assertEquals(List.of("SELECT 1 \\gexec"), sql("SELECT 1 \\gexec"));
        }
    }
}
