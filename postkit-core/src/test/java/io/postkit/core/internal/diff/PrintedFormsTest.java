package io.postkit.core.internal.diff;

import io.postkit.core.internal.model.Column;
import io.postkit.core.internal.model.Constraint;
import io.postkit.core.internal.model.ConstraintType;
import io.postkit.core.internal.model.QualifiedName;
import io.postkit.core.internal.model.SchemaModel;
import io.postkit.core.internal.model.Table;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrintedFormsTest {

    /** What PostgreSQL 13 to 18 print for {@code kind varchar(10) CHECK (kind IN ('invoice', 'credit'))}... */
    private static final String ORIGINAL = "CHECK (((kind)::text = ANY ((ARRAY['invoice'::character varying,"
            + " 'credit'::character varying])::text[])))";
    /** ...and once that print is created again. */
    private static final String REPRINTED = "CHECK (((kind)::text = ANY (ARRAY[('invoice'::character varying)::text,"
            + " ('credit'::character varying)::text])))";

    private static SchemaModel withCheck(String definition, String columnDefault) {
        QualifiedName name = QualifiedName.of("billing", "invoices");
        Table table = new Table(name, List.of(Column.of("kind", "character varying(10)", false, columnDefault)),
                List.of(Constraint.of("invoices_kind_check", ConstraintType.CHECK, definition)), List.of());
        return SchemaModel.of(Set.of("billing"), Map.of(name, table), Map.of());
    }

    @Test
    void castsAndParenthesesAloneDoNotMakeTwoTextsDifferent() {
        assertEquals(PrintedForms.normal(ORIGINAL), PrintedForms.normal(REPRINTED));
        assertEquals("now", PrintedForms.normal("(now())::timestamp with time zone"));
        assertNotEquals(PrintedForms.normal(ORIGINAL), PrintedForms.normal(ORIGINAL.replace("credit", "refund")));
    }

    @Test
    void aCheckPrintedTwoWaysIsFoundARealChangeIsNot() {
        String fallback = "'invoice'::character varying";
        assertTrue(PrintedForms.mayDifferOnlyInPrint(withCheck(ORIGINAL, fallback), withCheck(REPRINTED, fallback)));
        assertFalse(PrintedForms.mayDifferOnlyInPrint(withCheck(ORIGINAL, fallback),
                withCheck(ORIGINAL.replace("credit", "refund"), fallback)), "a new value is a change");
        assertFalse(PrintedForms.mayDifferOnlyInPrint(withCheck(ORIGINAL, fallback), withCheck(ORIGINAL, fallback)));
        assertTrue(PrintedForms.mayDifferOnlyInPrint(withCheck(ORIGINAL, fallback),
                withCheck(ORIGINAL, "('invoice'::character varying)::text")), "defaults too");
    }
}
