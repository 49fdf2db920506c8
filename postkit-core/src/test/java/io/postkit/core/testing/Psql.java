package io.postkit.core.testing;

import io.postkit.core.internal.sql.ScriptStatement;
import io.postkit.core.internal.sql.SqlScript;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs a script the way a user runs postkit's output: {@code psql -X -v ON_ERROR_STOP=1 -f}, where each statement
 * is a transaction of its own unless the script says otherwise. Where no psql is installed, the same: statement by
 * statement in autocommit (what a JDBC batch of the whole text would hide).
 */
public final class Psql {

    private static final Path PSQL = Path.of("/usr/bin/psql");

    private Psql() {
    }

    public static void run(TestDatabase db, String script) throws IOException, InterruptedException, SQLException {
        if (Files.isExecutable(PSQL)) {
            runPsql(db, script);
        } else {
            runStatements(db, script);
        }
    }

    private static void runPsql(TestDatabase db, String script) throws IOException, InterruptedException {
        Path file = Files.createTempFile(TestPostgres.workDir().getParent(), "script", ".sql");
        try {
            Files.writeString(file, script, StandardCharsets.UTF_8);
            Process psql = new ProcessBuilder(List.of(PSQL.toString(), "-X", "-q", "-v", "ON_ERROR_STOP=1",
                    "-h", "localhost", "-p", String.valueOf(db.server().port()), "-U", "postgres", "-d", db.name(),
                    "-f", file.toString())).redirectErrorStream(true).start();
            String output = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(psql.waitFor(120, TimeUnit.SECONDS), "psql did not finish");
            assertEquals(0, psql.exitValue(), "psql -f failed:\n" + output + "\nscript:\n" + script);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void runStatements(TestDatabase db, String script) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (ScriptStatement statement : SqlScript.split(script, "script")) {
                s.execute(statement.sql());
            }
        }
    }
}
