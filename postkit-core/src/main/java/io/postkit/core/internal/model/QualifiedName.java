package io.postkit.core.internal.model;

import java.util.Comparator;
import java.util.Objects;

/** A schema-qualified name as PostgreSQL stores it (unquoted, case preserved). */
public record QualifiedName(String schema, String name) implements Comparable<QualifiedName> {

    private static final Comparator<QualifiedName> ORDER =
            Comparator.comparing(QualifiedName::schema).thenComparing(QualifiedName::name);

    public QualifiedName {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
    }

    public static QualifiedName of(String schema, String name) {
        return new QualifiedName(schema, name);
    }

    @Override
    public int compareTo(QualifiedName other) {
        return ORDER.compare(this, other);
    }

    /** For messages only; SQL quotes names with the sql package's Identifiers. */
    @Override
    public String toString() {
        return schema + "." + name;
    }
}
