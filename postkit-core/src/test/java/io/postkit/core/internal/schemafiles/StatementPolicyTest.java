package io.postkit.core.internal.schemafiles;

import io.postkit.core.api.SqlStatementException;
import io.postkit.core.internal.sql.ScriptStatement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Schema files declare objects; everything else is refused with its place, before PostgreSQL sees it. */
class StatementPolicyTest {

    private static SqlStatementException refused(String sql) {
        return assertThrows(SqlStatementException.class,
                () -> StatementPolicy.check(new ScriptStatement(sql, "db/schema/x.sql", 7)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "DO $$BEGIN DROP TABLE customers; END$$|DO|a manual migration (mvn postkit:migration -Dpostkit.name=...);"
                    + " a schema file only declares objects and runs no code",
            "select pg_read_file('/etc/passwd')|SELECT|a manual migration (mvn postkit:migration"
                    + " -Dpostkit.name=...); a schema file only declares objects and runs no code",
            "ALTER SYSTEM SET work_mem = '1GB'|ALTER SYSTEM|nowhere: postkit configures its local servers itself",
            "COPY t FROM PROGRAM 'id'|COPY|seeds/",
            "CALL p()|CALL|a manual migration (mvn postkit:migration -Dpostkit.name=...); a schema file only"
                    + " declares objects and runs no code",
            "NOTIFY ch|NOTIFY|nowhere: postkit runs schema files and sets the session itself",
            "LISTEN ch|LISTEN|nowhere: postkit runs schema files and sets the session itself",
            "LOAD 'plugin'|LOAD|nowhere: postkit configures its local servers itself",
            "VACUUM t|VACUUM|a manual migration (mvn postkit:migration -Dpostkit.name=...)",
            "CHECKPOINT|CHECKPOINT|nowhere: postkit configures its local servers itself",
            "/* hidden */ create extension pg_trgm|CREATE EXTENSION|infra/",
            "CREATE USER MAPPING FOR app SERVER s OPTIONS (password 'x')|CREATE USER|infra/",
            "WITH x AS (SELECT 1) SELECT * FROM x|WITH|a manual migration (mvn postkit:migration -Dpostkit.name=...);"
                    + " a schema file only declares objects and runs no code",
            "CREATE TABLE copy AS SELECT * FROM customers|CREATE TABLE ... AS|seeds/ for the rows, after a CREATE"
                    + " TABLE that declares the columns",
            "GRANT admin TO app|GRANT <role> TO <role>|infra/ (roles and their memberships are infrastructure)",
            "ALTER TABLE t ADD CONSTRAINT c CHECK (x > 0), DROP COLUMN y|ALTER TABLE|the CREATE TABLE statement"
                    + " itself, or a manual migration (mvn postkit:migration -Dpostkit.name=...) for a rename",
            "FETCH ALL FROM c|FETCH|nowhere: it does not declare an object"})
    void refusesWhatDoesNotDeclareAnObjectSayingWhereItBelongs(String sql, String keywords, String place) {
        SqlStatementException e = refused(sql);
        assertEquals("'" + keywords + "' does not belong in a schema file, which declares the desired state",
                e.problem());
        assertEquals("db/schema/x.sql:7", e.location());
        assertNull(e.sqlState(), "never sent to PostgreSQL");
        assertEquals("db/schema/x.sql:7:1: '" + keywords + "' does not belong in a schema file, which declares the"
                + " desired state\n  Statement: " + sql + "\nPut it in " + place + ".", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "CREATE TABLE t (id int GENERATED ALWAYS AS IDENTITY, total numeric GENERATED ALWAYS AS (id * 2) STORED)",
            "CREATE TABLE p_1 PARTITION OF p FOR VALUES FROM (1) TO (10)",
            "CREATE MATERIALIZED VIEW m AS SELECT 1",
            "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$",
            "ALTER TABLE t ADD CONSTRAINT c CHECK (note <> ' DROP ')",
            "ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO reader",
            "GRANT SELECT ON t TO reader",
            "REVOKE ALL ON FUNCTION f() FROM PUBLIC",
            "COMMENT ON TABLE t IS 'DO NOT DROP'"})
    void acceptsDeclarations(String sql) {
        StatementPolicy.check(new ScriptStatement(sql, "db/schema/x.sql", 1));
    }
}
