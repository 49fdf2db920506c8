package io.postkit.core.internal.scripts;

import io.postkit.core.internal.sql.SqlTokens;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What postkit reads from an infra statement before it runs an extension's as the superuser for the sandbox. */
class ExtensionStatementTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "CREATE EXTENSION postgres_fdw | CREATE EXTENSION IF NOT EXISTS \"postgres_fdw\"",
            "create extension if not exists \"Odd\"\"Name\" with schema ext"
                    + " | CREATE EXTENSION IF NOT EXISTS \"Odd\"\"Name\" SCHEMA \"ext\"",
            "CREATE EXTENSION hstore SCHEMA public VERSION '1.8' CASCADE"
                    + " | CREATE EXTENSION IF NOT EXISTS \"hstore\" SCHEMA \"public\" VERSION '1.8' CASCADE",
            "CREATE EXTENSION hstore VERSION \"1.8\" | CREATE EXTENSION IF NOT EXISTS \"hstore\" VERSION '1.8'",
            "CREATE EXTENSION hstore VERSION 'it''s' | CREATE EXTENSION IF NOT EXISTS \"hstore\" VERSION 'it''s'",
            "ALTER EXTENSION pg_trgm UPDATE | ALTER EXTENSION \"pg_trgm\" UPDATE",
            "alter extension \"pg_trgm\" update to '1.6'; | ALTER EXTENSION \"pg_trgm\" UPDATE TO '1.6'",
    })
    void aStatementPostkitReadsIsWrittenAgainByPostkit(String infra, String written) {
        assertEquals(Optional.of(written), ExtensionStatement.read(SqlTokens.of(infra)).map(ExtensionStatement::sql));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "CREATE EXTENSION",
            "CREATE EXTENSION hstore FROM unpackaged",
            "CREATE EXTENSION hstore SCHEMA a SCHEMA b",
            "CREATE EXTENSION hstore VERSION E'1.8'",
            "CREATE EXTENSION hstore; COPY x TO PROGRAM 'id'",
            "CREATE EXTENSION hstore CASCADE CASCADE",
            "CREATE TABLE t (id int)",
            "ALTER EXTENSION pg_trgm SET SCHEMA ext",
            "ALTER EXTENSION pg_trgm UPDATE TO '1.6' CASCADE",
            "ALTER EXTENSION pg_trgm ADD FUNCTION f()",
    })
    void anythingElseIsNotRead(String infra) {
        assertEquals(Optional.empty(), ExtensionStatement.read(SqlTokens.of(infra)));
    }
}
