package io.postkit.core.model;

import java.util.Objects;

/**
 * A stand-alone sequence (identity sequences belong to their {@link Column}).
 *
 * @param ownedBy the column from {@code OWNED BY} (serial columns), or null
 */
public record Sequence(QualifiedName name, SequenceOptions options, ColumnRef ownedBy) {

    public Sequence {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(options, "options");
    }
}
