package io.postkit.core.internal.render;

import io.postkit.core.internal.model.Constraint;
import io.postkit.core.internal.model.ConstraintType;
import io.postkit.core.internal.model.QualifiedName;

import java.util.Set;

import static io.postkit.core.internal.sql.Identifiers.quote;

/** Constraints, added with PostgreSQL's own definition text. */
final class ConstraintSql {

    private ConstraintSql() {
    }

    static PlannedStatement add(QualifiedName table, Constraint constraint) {
        return new PlannedStatement("ALTER TABLE " + quote(table) + " ADD CONSTRAINT " + quote(constraint.name()) + " "
                + constraint.definition(), "constraint", table + "." + constraint.name(), hazards(constraint), true);
    }

    static PlannedStatement drop(QualifiedName table, Constraint constraint) {
        return new PlannedStatement("ALTER TABLE " + quote(table) + " DROP CONSTRAINT " + quote(constraint.name()),
                "constraint", table + "." + constraint.name(), Set.of(), true);
    }

    /** Keys build a unique index under a lock that blocks writes; checks and foreign keys scan every row. */
    private static Set<Hazard> hazards(Constraint constraint) {
        if (constraint.type() == ConstraintType.PRIMARY_KEY || constraint.type() == ConstraintType.UNIQUE
                || constraint.type() == ConstraintType.EXCLUDE) {
            return Set.of(Hazard.LONG_LOCK);
        }
        return constraint.definition().endsWith("NOT VALID") ? Set.of() : Set.of(Hazard.VALIDATION_SCAN);
    }
}
