package io.postkit.core.internal.migration;

import io.postkit.core.api.SqlStatementException;
import io.postkit.core.api.PostkitLog;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where a failing migration statement is reported, without a database: the connection fails the second one. */
class MigrationRunnerTest {

    private final List<String> executed = new ArrayList<>();

    /** A PostgreSQL syntax error at {@code position} (1-based, in characters of the statement). */
    private static PSQLException syntaxError(int position) {
        return new PSQLException(new ServerErrorMessage(
                "SERROR\0C42601\0Msyntax error at or near \"nope\"\0P" + position + "\0"));
    }

    private Connection failingOn(String failing) {
        Statement statement = (Statement) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Statement.class}, (proxy, method, args) -> {
                    if (method.getName().equals("execute")) {
                        String sql = (String) args[0];
                        executed.add(sql);
                        if (sql.contains(failing)) {
                            throw syntaxError(sql.indexOf("nope") + 1);
                        }
                        return false;
                    }
                    return null;
                });
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "createStatement" -> statement;
                    case "getAutoCommit" -> true;
                    default -> null;
                });
    }

    @Test
    void aFailingStatementIsReportedAtItsFileLineWithPostgresqlsWords() {
        MigrationFile migration = MigrationFile.parse("20260101000000_x.sql", "-- why\n-- migrate:up\n"
                + "CREATE TABLE a ();\n\nCREATE TABLE b (\n  x nope\n);\n-- migrate:down\nDROP TABLE b;\n");
        MigrationRunner runner = new MigrationRunner(new MigrationTable(MigrationTable.DEFAULT_NAME),
                PostkitLog.SILENT);
        SqlStatementException e = assertThrows(SqlStatementException.class,
                () -> runner.run(failingOn("CREATE TABLE b"), migration, null));
        assertEquals("20260101000000_x.sql", e.source());
        assertEquals(6, e.line());
        assertEquals("42601", e.sqlState());
        assertEquals("CREATE TABLE b (\n  x nope\n)", e.statement());
        assertEquals(List.of("CREATE TABLE a ()", "CREATE TABLE b (\n  x nope\n)"), executed);
    }
}
