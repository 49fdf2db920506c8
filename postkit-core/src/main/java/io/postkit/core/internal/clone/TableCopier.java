package io.postkit.core.internal.clone;

import io.postkit.core.api.PostkitException;
import io.postkit.core.internal.sql.Identifiers;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyOut;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Collectors;

/**
 * Streams one table's rows from a source connection to a target connection with binary COPY. Both ends are the
 * same PostgreSQL major, so the binary format is safe and avoids text conversion of every value.
 *
 * <p>The target table is truncated in the same transaction as the COPY, which lets {@code FREEZE} skip WAL and
 * later hint-bit writes on a server tuned with {@code wal_level=minimal}.
 */
final class TableCopier {

    private final Connection source;
    private final Connection target;
    private final CopyProgress progress;

    /** {@code source} is inside the clone's snapshot; {@code target} is in autocommit off mode. */
    TableCopier(Connection source, Connection target, CopyProgress progress) {
        this.source = source;
        this.target = target;
        this.progress = progress;
    }

    long copy(TableData table) throws SQLException {
        String name = Identifiers.quote(table.table());
        String columns = table.columns().stream().map(Identifiers::quote).collect(Collectors.joining(", "));
        try (Statement s = target.createStatement()) {
            s.execute("TRUNCATE " + name);
        }
        CopyOut out = source.unwrap(PGConnection.class).getCopyAPI()
                .copyOut("COPY " + name + " (" + columns + ") TO STDOUT (FORMAT binary)");
        CopyIn in = target.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY " + name + " (" + columns + ") FROM STDIN (FORMAT binary, FREEZE)");
        try {
            byte[] chunk;
            while ((chunk = out.readFromCopy()) != null) {
                in.writeToCopy(chunk, 0, chunk.length);
                progress.bytesCopied(chunk.length);
            }
            long written = in.endCopy();
            long read = out.getHandledRowCount();
            target.commit();
            if (written != read) {
                throw new PostkitException("Cloning " + table.table() + " read " + read + " rows but wrote " + written
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
}
