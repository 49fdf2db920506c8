package io.postkit.core.internal.clone;

import io.postkit.core.internal.diff.OwnerRule;
import io.postkit.core.internal.diff.SchemaDiff;
import io.postkit.core.internal.model.Column;
import io.postkit.core.internal.model.QualifiedName;
import io.postkit.core.internal.model.SchemaModel;
import io.postkit.core.internal.model.Table;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PreDataTest {

    /** 249 plain tables and a partitioned one with two partitions (t_125 and its children sort in the middle). */
    private static SchemaModel model() {
        Map<QualifiedName, Table> tables = new TreeMap<>();
        for (int i = 0; i < 250; i++) {
            QualifiedName name = QualifiedName.of("public", String.format("t_%03d", i));
            List<Column> columns = List.of(Column.of("id", "bigint", true, null));
            tables.put(name, i == 125 ? new Table(name, columns, List.of(), List.of(), false, false, false,
                    "RANGE (id)", null, List.of(), List.of()) : new Table(name, columns, List.of(), List.of()));
        }
        for (String partition : List.of("t_125_a", "t_125_b")) {
            QualifiedName name = QualifiedName.of("public", partition);
            tables.put(name, new Table(name, List.of(), List.of(), List.of(), false, false, false, null,
                    new Table.PartitionOf(QualifiedName.of("public", "t_125"), "DEFAULT"), List.of(), List.of()));
        }
        return SchemaModel.of(Set.of("public"), tables, Map.of());
    }

    private static PreData preData(boolean independent) {
        SchemaModel model = model();
        return PreData.of(SchemaDiff.between(SchemaModel.of(Set.of("public"), Map.of(), Map.of()), model,
                OwnerRule.ALL), model, independent);
    }

    @Test
    void tablesGoInBatchesOfWholeFamilies() {
        List<List<String>> batches = preData(true).tableBatches();
        assertEquals(252, batches.stream().mapToInt(List::size).sum());
        assertTrue(batches.stream().allMatch(b -> b.size() <= 100), "at most 100 tables a batch");
        List<String> family = batches.stream().filter(b -> b.stream().anyMatch(s -> s.contains("\"t_125\" (")))
                .findFirst().orElseThrow();
        assertEquals(3, family.stream().filter(s -> s.contains("t_125")).count(),
                "a partitioned table and its partitions in one batch: " + family);
    }

    @Test
    void tablesThatDependOnEachOtherGoInOneTransaction() {
        List<List<String>> batches = preData(false).tableBatches();
        assertEquals(1, batches.size());
        assertEquals(252, batches.get(0).size());
    }
}
