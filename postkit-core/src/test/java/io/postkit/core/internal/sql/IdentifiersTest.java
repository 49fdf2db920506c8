package io.postkit.core.internal.sql;

import io.postkit.core.internal.model.QualifiedName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class IdentifiersTest {

    @Test
    void quotesEmbeddedQuotesAndKeepsCase() {
        assertEquals("\"Order \"\"Items\"\"\"", Identifiers.quote("Order \"Items\""));
        assertEquals("\"public\".\"select\"", Identifiers.quote(QualifiedName.of("public", "select")));
    }

    @Test
    void literalDoublesSingleQuotes() {
        assertEquals("'it''s'", Identifiers.literal("it's"));
    }

    @Test
    void rejectsNul() {
        assertThrows(IllegalArgumentException.class, () -> Identifiers.quote("a\0b"));
    }
}
