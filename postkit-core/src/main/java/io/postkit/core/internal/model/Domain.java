package io.postkit.core.internal.model;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A domain.
 *
 * @param baseType    {@code format_type} of the base type with its typmod
 * @param baseDomain  the managed domain it is based on ({@code typbasetype}), or null: created after it
 * @param constraints its CHECK constraints, by name, with {@code pg_get_constraintdef} text
 * @param rowTypeOf   the table or composite type whose row type is the base type, or null: a domain over a table's
 *                    row type is created after the table, and dropped before it
 * @param usedBy      managed tables with a column of this domain (or an array of it), from {@code atttypid}: they
 *                    are created after it. Not part of the domain's definition ({@link #sameDefinition})
 * @param routines    signatures ({@link Routine#signature()}) of the managed routines its checks or default call, from
 *                    {@code pg_depend}: it is created after them, and dropped before them
 */
public record Domain(QualifiedName name, String baseType, QualifiedName baseDomain, String collation,
                     String defaultExpression, boolean notNull, List<Constraint> constraints,
                     QualifiedName rowTypeOf, Set<QualifiedName> usedBy, Set<QualifiedName> routines) {

    public Domain {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(baseType, "baseType");
        constraints = List.copyOf(constraints);
        usedBy = Collections.unmodifiableSortedSet(new TreeSet<>(usedBy));
        routines = Collections.unmodifiableSortedSet(new TreeSet<>(routines));
    }

    /** A domain whose checks and default call no routine of the managed schemas. */
    public Domain(QualifiedName name, String baseType, QualifiedName baseDomain, String collation,
                  String defaultExpression, boolean notNull, List<Constraint> constraints, QualifiedName rowTypeOf,
                  Set<QualifiedName> usedBy) {
        this(name, baseType, baseDomain, collation, defaultExpression, notNull, constraints, rowTypeOf, usedBy,
                Set.of());
    }

    /** A domain over a scalar type, used by no table. */
    public Domain(QualifiedName name, String baseType, QualifiedName baseDomain, String collation,
                  String defaultExpression, boolean notNull, List<Constraint> constraints) {
        this(name, baseType, baseDomain, collation, defaultExpression, notNull, constraints, null, Set.of());
    }

    /** Whether the two define the same domain, whoever uses them. */
    public boolean sameDefinition(Domain other) {
        return withoutUsers().equals(other.withoutUsers());
    }

    /** Whether it must wait for routines: its checks or default call some. */
    public boolean callsRoutines() {
        return !routines.isEmpty();
    }

    private Domain withoutUsers() {
        return new Domain(name, baseType, baseDomain, collation, defaultExpression, notNull, constraints, rowTypeOf,
                Set.of(), routines);
    }
}
