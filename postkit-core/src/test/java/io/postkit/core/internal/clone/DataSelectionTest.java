package io.postkit.core.internal.clone;

import io.postkit.core.api.CloneOptions;
import io.postkit.core.internal.model.QualifiedName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DataSelectionTest {

    private static final QualifiedName AUDIT_EVENTS = QualifiedName.of("audit", "events");
    private static final QualifiedName ACCESS_LOG = QualifiedName.of("public", "access_log");
    private static final QualifiedName ORDERS = QualifiedName.of("public", "orders");
    private static final QualifiedName DOTTED = QualifiedName.of("public", "odd.name");

    @Test
    void patternsWithADotMatchSchemaAndTableOthersTheTableInAnySchema() {
        DataSelection selection = new DataSelection(CloneOptions.of(false, List.of("audit.*", "*_log", "public.odd.*"),
                null));
        assertEquals(RowSelection.NONE, selection.of(AUDIT_EVENTS));
        assertEquals(RowSelection.NONE, selection.of(ACCESS_LOG));
        assertEquals(RowSelection.NONE, selection.of(DOTTED));
        assertEquals(RowSelection.ALL, selection.of(ORDERS));
    }

    @Test
    void wildcardsAreTheOnlySpecialCharacters() {
        DataSelection selection = new DataSelection(CloneOptions.of(false, List.of("ord?rs", "a+b", "x[1]"), null));
        assertEquals(RowSelection.NONE, selection.of(ORDERS));
        assertEquals(RowSelection.NONE, selection.of(QualifiedName.of("public", "a+b")));
        assertEquals(RowSelection.ALL, selection.of(QualifiedName.of("public", "aab")));
        assertEquals(RowSelection.NONE, selection.of(QualifiedName.of("public", "x[1]")));
        assertEquals(RowSelection.ALL, selection.of(QualifiedName.of("public", "x1")));
        assertEquals(RowSelection.ALL, selection.of(QualifiedName.of("public", "Orders")), "case-sensitive");
    }

    @Test
    void sampleAppliesToTablesNotExcludedAndSchemaOnlyToAll() {
        DataSelection sample = new DataSelection(CloneOptions.of(false, List.of("*_log"), "2.5%"));
        assertEquals(new RowSelection.Percent(2.5), sample.of(ORDERS));
        assertEquals(RowSelection.NONE, sample.of(ACCESS_LOG));
        assertEquals(new RowSelection.FirstRows(500), new DataSelection(CloneOptions.of(false, List.of(), "500"))
                .of(ORDERS));
        assertEquals(RowSelection.NONE, new DataSelection(CloneOptions.of(true, List.of(), "10%")).of(ORDERS));
    }

    @Test
    void reportsPatternsThatMatchNoTable() {
        DataSelection selection = new DataSelection(CloneOptions.of(false, List.of("*_log", "audti.*"), null));
        assertEquals(List.of("audti.*"), selection.unmatchedPatterns(List.of(AUDIT_EVENTS, ACCESS_LOG, ORDERS)));
    }
}
