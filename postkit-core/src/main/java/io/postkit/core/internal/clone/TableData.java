package io.postkit.core.internal.clone;

import io.postkit.core.internal.model.QualifiedName;

import java.util.List;

/**
 * A table whose rows a clone copies, as the source has it.
 *
 * @param columns        the columns to copy, in order (generated columns excluded: they cannot be written)
 * @param estimatedBytes the table's size on the source (with TOAST), to order the work (largest first) and show
 *                       progress
 * @param blocks         pages of its main fork: the ranges big tables are split into
 * @param selection      which of its rows are copied
 */
record TableData(QualifiedName table, List<String> columns, long estimatedBytes, long blocks,
                 RowSelection selection) {

    TableData {
        columns = List.copyOf(columns);
    }

    /** A table without pages holds no row in any snapshot: there is nothing to read. */
    boolean isEmpty() {
        return blocks == 0;
    }
}
