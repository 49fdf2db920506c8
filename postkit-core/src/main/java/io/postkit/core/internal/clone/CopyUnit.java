package io.postkit.core.internal.clone;

import io.postkit.core.internal.sql.Identifiers;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One COPY of a clone: a whole table, or a range of its blocks ({@code ctid} range, read with a TID range scan on
 * PostgreSQL 14 and later) when a big table is split across workers.
 *
 * @param firstBlock the first block read, 0 for the start
 * @param endBlock   the block after the last one read, or -1: to the end of the table
 */
record CopyUnit(TableData table, long firstBlock, long endBlock) {

    /**
     * A table as one unit, or, when it holds at least two units' worth of blocks and may be split, as ranges of
     * about {@code blocksPerUnit} blocks, as many as a multiple of {@code workers} so the workers finish together.
     */
    static List<CopyUnit> of(TableData table, long blocksPerUnit, int workers, boolean split) {
        if (!split || !table.selection().splittable() || table.blocks() < 2 * blocksPerUnit) {
            return List.of(new CopyUnit(table, 0, -1));
        }
        long count = (table.blocks() + blocksPerUnit - 1) / blocksPerUnit;
        count = (count + workers - 1) / workers * workers;
        long size = (table.blocks() + count - 1) / count;
        List<CopyUnit> units = new ArrayList<>();
        for (long start = 0; start < table.blocks(); start += size) {
            // The last range is open-ended: pages that appear later hold no row our snapshot sees, but no row is
            // lost should the table have grown before the snapshot was taken.
            units.add(new CopyUnit(table, start, start + size >= table.blocks() ? -1 : start + size));
        }
        return units;
    }

    boolean wholeTable() {
        return firstBlock == 0 && endBlock == -1;
    }

    /** The share of the table's estimated size this unit reads: for ordering and progress. */
    long estimatedBytes() {
        if (wholeTable() || table.blocks() == 0) {
            return table.estimatedBytes();
        }
        long blocks = (endBlock == -1 ? table.blocks() : endBlock) - firstBlock;
        return table.estimatedBytes() * Math.max(0, blocks) / table.blocks();
    }

    String columnList() {
        return table.columns().stream().map(Identifiers::quote).collect(Collectors.joining(", "));
    }

    /** The source side: the table itself when every row of it is read (the cheapest COPY), else a query. */
    String copyOut() {
        String name = Identifiers.quote(table.table());
        RowSelection selection = table.selection();
        if (wholeTable() && selection instanceof RowSelection.All) {
            return "COPY " + name + " (" + columnList() + ") TO STDOUT (FORMAT binary)";
        }
        StringBuilder query = new StringBuilder("SELECT ").append(columnList()).append(" FROM ONLY ").append(name)
                .append(selection.tableSuffix());
        if (!wholeTable()) {
            query.append(" WHERE ctid >= '(").append(firstBlock).append(",0)'::tid");
            if (endBlock != -1) {
                query.append(" AND ctid < '(").append(endBlock).append(",0)'::tid");
            }
        }
        query.append(selection.querySuffix());
        return "COPY (" + query + ") TO STDOUT (FORMAT binary)";
    }

    /**
     * The target side. A whole table of a new clone is loaded right after {@code TRUNCATE} in the same transaction,
     * so {@code FREEZE} applies: no WAL on a {@code wal_level=minimal} server and no hint bits to set later.
     */
    String copyIn() {
        return copyIn(wholeTable());
    }

    /** @param freeze whether the table was truncated in the copy's transaction (only then may it be frozen) */
    String copyIn(boolean freeze) {
        return "COPY " + Identifiers.quote(table.table()) + " (" + columnList() + ") FROM STDIN (FORMAT binary"
                + (freeze ? ", FREEZE)" : ")");
    }

    @Override
    public String toString() {
        return wholeTable() ? table.table().toString()
                : table.table() + " (blocks " + firstBlock + (endBlock == -1 ? " to the end" : " to " + endBlock) + ")";
    }
}
