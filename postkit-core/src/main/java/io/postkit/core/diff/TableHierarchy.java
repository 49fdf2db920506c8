package io.postkit.core.diff;

import io.postkit.core.model.Column;
import io.postkit.core.model.QualifiedName;
import io.postkit.core.model.SchemaModel;
import io.postkit.core.model.Table;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Partitions and inheritance children under their parents: the order they are created and dropped in. */
final class TableHierarchy {

    private TableHierarchy() {
    }

    /** The model's tables, every parent before its partitions and children; by name otherwise. */
    static List<Table> parentsFirst(SchemaModel model) {
        return byDepth(model, Comparator.naturalOrder());
    }

    /** The model's tables, partitions and children before their parents; by name otherwise. */
    static List<Table> childrenFirst(SchemaModel model) {
        return byDepth(model, Comparator.reverseOrder());
    }

    private static List<Table> byDepth(SchemaModel model, Comparator<Integer> order) {
        Map<QualifiedName, Integer> depths = new TreeMap<>();
        model.tables().keySet().forEach(name -> depth(model, name, depths, 0));
        List<Table> tables = new ArrayList<>(model.tables().values());
        tables.sort(Comparator.comparing((Table t) -> depths.get(t.name()), order));
        return tables;
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

    /** Levels below the top; a parent outside the model (another schema) counts as a top. */
    private static int depth(SchemaModel model, QualifiedName name, Map<QualifiedName, Integer> depths, int guard) {
        Integer known = depths.get(name);
        if (known != null) {
            return known;
        }
        Table table = model.tables().get(name);
        int depth = 0;
        if (table != null && guard <= model.tables().size()) {
            for (QualifiedName parent : table.parents()) {
                if (model.tables().containsKey(parent)) {
                    depth = Math.max(depth, depth(model, parent, depths, guard + 1) + 1);
                }
            }
        }
        depths.put(name, depth);
        return depth;
    }
}
