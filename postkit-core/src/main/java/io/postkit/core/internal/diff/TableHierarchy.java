package io.postkit.core.internal.diff;

import io.postkit.core.internal.model.Column;
import io.postkit.core.internal.model.SchemaModel;
import io.postkit.core.internal.model.Table;

import java.util.List;

/** Partitions under their parents. */
final class TableHierarchy {

    private TableHierarchy() {
    }

    /**
     * The columns a table has in the database: a partition's are its (root) parent's, which its model does not
     * repeat.
     */
    static List<Column> columnsOf(SchemaModel model, Table table) {
        Table t = table;
        for (int hops = 0; t.isPartition() && hops < model.tables().size(); hops++) {
            Table parent = model.tables().get(t.partitionOf().parent());
            if (parent == null) {
                return table.columns();
            }
            t = parent;
        }
        return t.columns();
    }
}
