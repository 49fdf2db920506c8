package io.postkit.core.internal.model;

import java.util.List;
import java.util.Objects;

/**
 * An enum type.
 *
 * @param labels its values in sort order
 * @param usedBy the table columns of this type (or an array of it), from {@code pg_attribute.atttypid}: they must
 *               be converted when the type has to be recreated
 */
public record EnumType(QualifiedName name, List<String> labels, List<ColumnRef> usedBy) {

    public EnumType {
        Objects.requireNonNull(name, "name");
        labels = List.copyOf(labels);
        usedBy = List.copyOf(usedBy);
    }

    /** Same type as far as the schema goes: who uses it is not part of its definition. */
    public boolean sameDefinition(EnumType other) {
        return name.equals(other.name) && labels.equals(other.labels);
    }
}
