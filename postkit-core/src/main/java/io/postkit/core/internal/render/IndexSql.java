package io.postkit.core.internal.render;

import io.postkit.core.internal.model.Index;
import io.postkit.core.internal.model.QualifiedName;

import java.util.Set;

import static io.postkit.core.internal.sql.Identifiers.quote;

/** Indexes, created from PostgreSQL's own {@code pg_get_indexdef} text (already fully qualified). */
final class IndexSql {

    private IndexSql() {
    }

    /** A plain CREATE INDEX blocks writes to the table while it builds. */
    static PlannedStatement create(QualifiedName table, Index index) {
        return new PlannedStatement(index.definition(), "index", table.schema() + "." + index.name(),
                Set.of(Hazard.LONG_LOCK), true);
    }

    static PlannedStatement drop(QualifiedName index) {
        return new PlannedStatement("DROP INDEX " + quote(index), "index", index.toString(), Set.of(), true);
    }
}
