package io.postkit.core.internal.migration;

import io.postkit.core.api.PostkitLog;
import io.postkit.core.internal.sql.ScriptStatement;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/**
 * Runs one migration's up section and records it in the migration table. A transactional migration runs with its
 * record in one transaction, so it is applied and recorded together or not at all. Every statement's duration is
 * reported: on a clone with real data that is the point of applying there first.
 */
public final class MigrationRunner {

    private final MigrationTable table;
    private final PostkitLog log;
    private final DroppedData dropped;

    public MigrationRunner(MigrationTable table, PostkitLog log) {
        this(table, log, null);
    }

    private MigrationRunner(MigrationTable table, PostkitLog log, DroppedData dropped) {
        this.table = table;
        this.log = log;
        this.dropped = dropped;
    }

    /**
     * A runner that says before each statement that drops tables or columns how many rows they hold
     * ({@link DroppedData}).
     *
     * @param where where the rows are counted, for the message: "on the local clone"
     */
    public MigrationRunner warningOfDataLoss(String where) {
        return new MigrationRunner(table, log, new DroppedData(log, where));
    }

    /** Work that belongs in a migration's transaction, after its statements: grants and seeds after the last one. */
    @FunctionalInterface
    public interface InTransaction {
        void run(Connection c) throws SQLException;
    }

    /**
     * @param lockTimeout how long a statement may wait for a lock before failing (SQLSTATE 55P03), or null for
     *                    the server's setting
     */
    public void run(Connection c, MigrationFile migration, Duration lockTimeout) throws SQLException {
        run(c, migration, migration.upStatements(migration.fileName()), lockTimeout, null);
    }

    /**
     * Runs {@code statements} (the migration's up section, placed where errors should point) and records the
     * migration; then {@code after}, in the same transaction when the migration is transactional, else in one of
     * its own, so that when it fails the migration's record goes with it where it can.
     *
     * @param after work to do before committing, or null
     */
    public void run(Connection c, MigrationFile migration, List<ScriptStatement> statements, Duration lockTimeout,
                    InTransaction after) throws SQLException {
        long started = System.nanoTime();
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(!migration.upTransactional());
        try {
            if (lockTimeout != null) {
                setLockTimeout(c, lockTimeout, migration.upTransactional());
            }
            for (ScriptStatement statement : statements) {
                execute(c, statement);
            }
            table.record(c, migration.version(), migration.checksum(), (System.nanoTime() - started) / 1_000_000);
            if (after != null) {
                c.setAutoCommit(false);
                after.run(c);
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
        } catch (SQLException | RuntimeException e) {
            rollbackAfter(c, autoCommit, e);
            throw e;
        }
        c.setAutoCommit(autoCommit);
    }

    /**
     * A connection the server ended (terminated, restarted) can neither roll back nor change its settings; the
     * failure that says why is what the caller gets.
     */
    private static void rollbackAfter(Connection c, boolean autoCommit, Exception failure) {
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
            c.setAutoCommit(autoCommit);
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private void execute(Connection c, ScriptStatement statement) throws SQLException {
        if (dropped != null) {
            dropped.before(c, statement);
        }
        long started = System.nanoTime();
        try (Statement s = c.createStatement()) {
            s.execute(statement.sql());
        } catch (SQLException e) {
            throw statement.failure(e, null);
        }
        log.info(String.format("  %6d ms  %s", (System.nanoTime() - started) / 1_000_000, firstLine(statement)));
    }

    private static void setLockTimeout(Connection c, Duration timeout, boolean local) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET " + (local ? "LOCAL " : "") + "lock_timeout = " + timeout.toMillis());
        }
    }

    private static String firstLine(ScriptStatement statement) {
        String line = statement.sql().strip().lines().findFirst().orElse("");
        return line.length() > 100 ? line.substring(0, 97) + "..." : line;
    }
}
