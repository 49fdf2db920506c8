package io.postkit.core.internal.sql;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SqlTokensTest {

    private static List<String> texts(String sql) {
        return SqlTokens.of(sql).stream().map(t -> t.kind() + ":" + t.text() + "@" + t.depth()).toList();
    }

    @Test
    void wordsAreUpperCasedAndCommentsSkipped() {
        assertEquals(List.of("WORD:CREATE@0", "WORD:EXTENSION@0", "WORD:X@0"),
                texts("create /* a /* nested */ comment */ -- line\n extension x"));
    }

    @Test
    void quotedTextIsOneTokenAndParenthesesCount() {
        assertEquals(List.of("WORD:CREATE@0", "WORD:TABLE@0", "QUOTED_IDENTIFIER:a \"b\"@0", "SYMBOL:(@0",
                        "WORD:X@1", "WORD:TEXT@1", "WORD:DEFAULT@1", "STRING:'it''s ( AS'@1", "SYMBOL:)@0"),
                texts("CREATE TABLE \"a \"\"b\"\"\" (x text DEFAULT 'it''s ( AS')"));
    }

    @Test
    void dollarQuotedBodiesAndEscapeStringsAreOneToken() {
        assertEquals(List.of("WORD:DO@0", "STRING:$body$ BEGIN PERFORM 1; END $body$@0"),
                texts("DO $body$ BEGIN PERFORM 1; END $body$"));
        assertEquals(List.of("WORD:SELECT@0", "WORD:E@0", "STRING:'a\\'b'@0", "SYMBOL:$@0", "SYMBOL:1@0"),
                texts("SELECT E'a\\'b' $1"));
    }

    @Test
    void leadingWordsStopAtTheFirstNonWord() {
        assertEquals("ALTER TABLE", SqlTokens.leadingWords(SqlTokens.of("alter table \"t\" add x int"), 4));
        assertEquals("ALTER DEFAULT PRIVILEGES", SqlTokens.leadingWords(SqlTokens.of(
                "ALTER /* x */ DEFAULT PRIVILEGES IN SCHEMA s GRANT SELECT ON TABLES TO r"), 3));
    }
}
