package io.postkit.core.internal.diff;

import io.postkit.core.internal.model.ColumnRef;
import io.postkit.core.internal.model.EnumType;
import io.postkit.core.internal.model.QualifiedName;
import io.postkit.core.internal.model.SchemaModel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnumDiffTest {

    private static final QualifiedName STATUS = QualifiedName.of("public", "status");

    private static SchemaModel with(String... labels) {
        return SchemaModel.empty().withEnums(Map.of(STATUS, new EnumType(STATUS, List.of(labels), List.of())));
    }

    @Test
    void insertedLabelsAreAddedLeftToRightNextToLabelsThatExistByThen() {
        List<SchemaChange> changes = SchemaDiff.between(with("b", "d"), with("a", "b", "c", "d", "e"));
        assertEquals(List.of(new SchemaChange.AddEnumValue(STATUS, "a", true, "b"),
                new SchemaChange.AddEnumValue(STATUS, "c", false, "b"),
                new SchemaChange.AddEnumValue(STATUS, "e", false, "d")), changes);
    }

    @Test
    void removalOrReorderingIsNotAnAddition() {
        assertTrue(EnumDiff.onlyAdds(List.of("a", "c"), List.of("a", "b", "c")));
        assertFalse(EnumDiff.onlyAdds(List.of("a", "b"), List.of("b", "a")));
        assertFalse(EnumDiff.onlyAdds(List.of("a", "b"), List.of("a")));
        SchemaChange change = SchemaDiff.between(with("a", "b"), with("b", "a")).get(0);
        assertTrue(change instanceof SchemaChange.RecreateEnum, change.toString());
    }

    @Test
    void whoUsesATypeIsNotAChangeOfIt() {
        EnumType used = new EnumType(STATUS, List.of("a"), List.of(new ColumnRef(QualifiedName.of("public", "t"),
                "s")));
        assertEquals(List.of(), SchemaDiff.between(with("a"), SchemaModel.empty().withEnums(Map.of(STATUS, used))));
        assertEquals(Set.of(), Set.copyOf(SchemaDiff.between(with("a"), with("a"))));
    }
}
