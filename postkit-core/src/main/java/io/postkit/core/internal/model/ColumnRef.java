package io.postkit.core.internal.model;

import java.util.Objects;

/** A column of a table, e.g. the owner of a sequence. */
public record ColumnRef(QualifiedName table, String column) {

    public ColumnRef {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
    }
}
