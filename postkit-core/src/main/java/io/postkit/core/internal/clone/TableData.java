package io.postkit.core.internal.clone;

import io.postkit.core.internal.model.QualifiedName;

import java.util.List;

/**
 * A table whose rows a clone copies.
 *
 * @param columns        the columns to copy, in order (generated columns excluded: they cannot be written)
 * @param estimatedBytes the table's size on the source, to order the work (largest first) and show progress
 */
public record TableData(QualifiedName table, List<String> columns, long estimatedBytes) {

    public TableData {
        columns = List.copyOf(columns);
    }
}
