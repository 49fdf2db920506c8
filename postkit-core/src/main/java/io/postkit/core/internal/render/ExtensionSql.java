package io.postkit.core.internal.render;

import java.util.Set;

import static io.postkit.core.internal.sql.Identifiers.quote;

/** Extensions, which only {@code postkit:diff} compares. */
final class ExtensionSql {

    private ExtensionSql() {
    }

    /** {@code IF NOT EXISTS}: the output of a diff may be run where the extension came by other means. */
    static PlannedStatement create(String name, String schema) {
        return new PlannedStatement("CREATE EXTENSION IF NOT EXISTS " + quote(name) + " SCHEMA " + quote(schema),
                "extension", name, Set.of(), true);
    }

    static PlannedStatement setSchema(String name, String schema) {
        return new PlannedStatement("ALTER EXTENSION " + quote(name) + " SET SCHEMA " + quote(schema), "extension",
                name, Set.of(), true);
    }

    /** Its types, functions and operators go with it, and data of its types with them. */
    static PlannedStatement drop(String name) {
        return new PlannedStatement("DROP EXTENSION " + quote(name), "extension", name, Set.of(Hazard.DATA_LOSS),
                true);
    }
}
