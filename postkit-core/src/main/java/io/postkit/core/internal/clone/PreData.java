package io.postkit.core.internal.clone;

import io.postkit.core.internal.diff.Phase;
import io.postkit.core.internal.diff.SchemaChange;
import io.postkit.core.internal.model.QualifiedName;
import io.postkit.core.internal.model.SchemaModel;
import io.postkit.core.internal.render.SqlRenderer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a clone creates before the data, split so that the tables themselves can be created on several connections:
 * creating a table creates files (the table, its TOAST table and index), and that work, largely the kernel's, is
 * what a schema of a thousand tables spends its time on.
 * <ul>
 *   <li>before the tables: types, routines that read no table, sequences (schemas come first, apart, since
 *   extensions go into them);</li>
 *   <li>the tables, in batches of whole families (a partitioned or inherited table with its children), which need
 *   nothing from each other;</li>
 *   <li>after the tables: storage parameters, column changes, sequence owners, attached partitions.</li>
 * </ul>
 */
final class PreData {

    /** Tables per transaction when they are created side by side. */
    private static final int TABLES_PER_BATCH = 100;

    private final List<String> schemas;
    private final List<String> beforeTables;
    private final List<List<String>> tableBatches;
    private final List<String> afterTables;

    private PreData(List<String> schemas, List<String> beforeTables, List<List<String>> tableBatches,
                    List<String> afterTables) {
        this.schemas = schemas;
        this.beforeTables = beforeTables;
        this.tableBatches = tableBatches;
        this.afterTables = afterTables;
    }

    /**
     * @param tablesIndependent whether tables may be created in separate transactions: not when a column is of a
     *                          table's row type, or a table inherits from several parents
     */
    static PreData of(List<SchemaChange> changes, SchemaModel model, boolean tablesIndependent) {
        List<String> schemas = new ArrayList<>();
        List<String> before = new ArrayList<>();
        List<SchemaChange> tables = new ArrayList<>();
        List<String> after = new ArrayList<>();
        for (SchemaChange change : changes) {
            Phase phase = change.phase();
            if (!phase.isPreData()) {
                continue;
            }
            if (phase == Phase.CREATE_SCHEMA) {
                schemas.add(SqlRenderer.render(change).sql());
            } else if (phase.compareTo(Phase.CREATE_TABLE) < 0) {
                before.add(SqlRenderer.render(change).sql());
            } else if (phase == Phase.CREATE_TABLE) {
                tables.add(change);
            } else {
                after.add(SqlRenderer.render(change).sql());
            }
        }
        boolean onlyTables = tables.stream().allMatch(SchemaChange.CreateTable.class::isInstance);
        return new PreData(schemas, before, onlyTables && tablesIndependent ? byFamily(tables, model)
                : List.of(tables.stream().map(c -> SqlRenderer.render(c).sql()).toList()), after);
    }

    /** Batches of whole families, each family's tables in the diff's order (parents before children). */
    private static List<List<String>> byFamily(List<SchemaChange> tables, SchemaModel model) {
        Map<QualifiedName, List<String>> families = new LinkedHashMap<>();
        for (SchemaChange change : tables) {
            QualifiedName name = ((SchemaChange.CreateTable) change).table().name();
            families.computeIfAbsent(PostData.familyOf(name, model), f -> new ArrayList<>())
                    .add(SqlRenderer.render(change).sql());
        }
        List<List<String>> batches = new ArrayList<>();
        List<String> batch = new ArrayList<>();
        for (List<String> family : families.values()) {
            if (!batch.isEmpty() && batch.size() + family.size() > TABLES_PER_BATCH) {
                batches.add(batch);
                batch = new ArrayList<>();
            }
            batch.addAll(family);
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
        return batches;
    }

    List<String> schemas() {
        return schemas;
    }

    List<String> beforeTables() {
        return beforeTables;
    }

    List<List<String>> tableBatches() {
        return tableBatches;
    }

    List<String> afterTables() {
        return afterTables;
    }
}
