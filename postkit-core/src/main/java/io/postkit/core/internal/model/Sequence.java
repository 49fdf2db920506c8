package io.postkit.core.internal.model;

import java.util.List;
import java.util.Objects;

/**
 * A stand-alone sequence (identity sequences belong to their {@link Column}).
 *
 * @param ownedBy        the column from {@code OWNED BY} (serial columns), or null
 * @param usedByDefaults the columns whose default draws from it, from {@code pg_depend} (sorted): such a default must
 *                       be dropped before the sequence can be
 */
public record Sequence(QualifiedName name, SequenceOptions options, ColumnRef ownedBy,
                       List<ColumnRef> usedByDefaults) {

    public Sequence {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(options, "options");
        usedByDefaults = List.copyOf(usedByDefaults);
    }

    /** A sequence no column default uses (yet). */
    public Sequence(QualifiedName name, SequenceOptions options, ColumnRef ownedBy) {
        this(name, options, ownedBy, List.of());
    }
}
