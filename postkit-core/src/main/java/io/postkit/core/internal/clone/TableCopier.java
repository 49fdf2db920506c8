package io.postkit.core.internal.clone;

import io.postkit.core.api.PostkitException;
import io.postkit.core.internal.sql.Identifiers;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyOut;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Streams one {@link CopyUnit} from a source connection to a target connection with binary COPY. Both ends are the
 * same PostgreSQL major, so the binary format is safe and spares the text conversion of every value.
 *
 * <p>The source sends one CopyData message per row; they are passed on in chunks of {@value #CHUNK_BYTES} bytes, so
 * the target parses few large messages instead of one per row and the JVM writes few large buffers.
 */
final class TableCopier {

    static final int CHUNK_BYTES = 256 * 1024;

    private final Connection source;
    private final Connection target;
    private final CopyProgress progress;
    private final boolean tablesBare;
    private final byte[] chunk = new byte[CHUNK_BYTES];

    /**
     * {@code source} is inside the clone's snapshot; {@code target} is in autocommit off mode. The target's tables
     * are bare (no keys, no foreign keys yet), as a clone makes them.
     */
    TableCopier(Connection source, Connection target, CopyProgress progress) {
        this(source, target, progress, true);
    }

    /**
     * @param tablesBare false: the target's tables have their keys and foreign keys already (a copy of a template),
     *                   so a whole table is not truncated first (a referenced table cannot be) and not frozen
     */
    TableCopier(Connection source, Connection target, CopyProgress progress, boolean tablesBare) {
        this.source = source;
        this.target = target;
        this.progress = progress;
        this.tablesBare = tablesBare;
    }

    /** Copies the unit in a transaction of its own on the target and returns the rows copied. */
    long copy(CopyUnit unit) throws SQLException {
        boolean freeze = tablesBare && unit.wholeTable();
        if (freeze) {
            try (Statement s = target.createStatement()) {
                s.execute("TRUNCATE ONLY " + Identifiers.quote(unit.table().table()));
            }
        }
        return copy(unit.toString(), unit.copyOut(), unit.copyIn(freeze));
    }

    /**
     * Runs {@code copyOut} on the source and {@code copyIn} on the target, commits the target and returns the rows
     * copied; {@code what} names the rows in messages.
     */
    long copy(String what, String copyOut, String copyIn) throws SQLException {
        CopyOut out = source.unwrap(PGConnection.class).getCopyAPI().copyOut(copyOut);
        CopyIn in = target.unwrap(PGConnection.class).getCopyAPI().copyIn(copyIn);
        try {
            long messages = relay(out, in);
            long written = in.endCopy();
            long read = out.getHandledRowCount();
            // Progress counted messages as rows; binary COPY adds a message (its trailer) that holds no row.
            progress.copied(0, read - messages);
            target.commit();
            if (written != read) {
                throw new PostkitException("Cloning " + what + " read " + read + " rows but wrote " + written
                        + "; the local copy is incomplete. Run the goal again.");
            }
            return written;
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
            if (out.isActive()) {
                out.cancelCopy();
            }
        }
    }

    /** Relays the rows and returns how many messages it counted as rows. */
    private long relay(CopyOut out, CopyIn in) throws SQLException {
        int used = 0;
        long rows = 0;
        long messages = 0;
        byte[] row;
        while ((row = out.readFromCopy()) != null) {
            rows++;
            messages++;
            if (row.length > CHUNK_BYTES - used) {
                used = flush(in, used, rows);
                rows = 0;
                if (row.length > CHUNK_BYTES) {
                    in.writeToCopy(row, 0, row.length);
                    progress.copied(row.length, 0);
                    continue;
                }
            }
            System.arraycopy(row, 0, chunk, used, row.length);
            used += row.length;
        }
        flush(in, used, rows);
        return messages;
    }

    private int flush(CopyIn in, int used, long rows) throws SQLException {
        if (used > 0) {
            in.writeToCopy(chunk, 0, used);
        }
        progress.copied(used, rows);
        return 0;
    }
}
