package io.postkit.core.internal.render;

import io.postkit.core.internal.diff.SchemaChange;
import io.postkit.core.internal.model.Column;
import io.postkit.core.internal.model.Constraint;
import io.postkit.core.internal.model.ConstraintType;
import io.postkit.core.internal.model.QualifiedName;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.postkit.core.internal.sql.Identifiers.quote;

/**
 * Online mode: the statements that would block writes to a table with rows for as long as they scan or build,
 * rewritten into steps that do not. An index is built {@code CONCURRENTLY} (outside a transaction); a foreign key
 * or check is added {@code NOT VALID} (a brief lock) and validated in a transaction of its own (which lets writes
 * go on); a primary key or unique constraint is added {@code USING INDEX} built concurrently; {@code SET NOT NULL}
 * goes through a validated check, which PostgreSQL uses instead of scanning. Steps that must not share the
 * transaction of what precedes them are marked non-transactional: they go into {@code transaction:false}
 * migrations. A change with no online form keeps its plain statement.
 */
final class OnlineSql {

    /** {@code PRIMARY KEY (a, b)} or {@code UNIQUE (a) INCLUDE (b)}: the forms an index can stand in for. */
    private static final Pattern PLAIN_KEY = Pattern.compile("(PRIMARY KEY|UNIQUE) (\\([^()]*\\)(?: INCLUDE \\([^()]*\\))?)");

    private OnlineSql() {
    }

    static Optional<List<PlannedStatement>> render(SchemaChange change, RenderOptions options) {
        if (change instanceof SchemaChange.CreateIndex c && !options.partitionedTables().contains(c.table())) {
            return Optional.of(List.of(concurrentIndex(c)));
        } else if (change instanceof SchemaChange.AddConstraint c
                && !options.partitionedTables().contains(c.table())) {
            return constraint(c.table(), c.constraint());
        } else if (change instanceof SchemaChange.AlterColumn c && onlySetsNotNull(c.current(), c.desired())) {
            return Optional.of(setNotNull(c.table(), c.desired().name()));
        }
        return Optional.empty();
    }

    private static PlannedStatement concurrentIndex(SchemaChange.CreateIndex c) {
        String sql = c.index().definition().replaceFirst("^CREATE (UNIQUE )?INDEX ", "CREATE $1INDEX CONCURRENTLY ");
        return new PlannedStatement(sql, "index", c.table().schema() + "." + c.index().name(),
                Set.of(Hazard.NON_TRANSACTIONAL), false);
    }

    private static Optional<List<PlannedStatement>> constraint(QualifiedName table, Constraint constraint) {
        String object = table + "." + constraint.name();
        String alter = "ALTER TABLE " + quote(table) + " ";
        boolean validatable = constraint.type() == ConstraintType.FOREIGN_KEY
                || constraint.type() == ConstraintType.CHECK;
        if (validatable && !constraint.definition().endsWith("NOT VALID")) {
            return Optional.of(List.of(
                    new PlannedStatement(alter + "ADD CONSTRAINT " + quote(constraint.name()) + " "
                            + constraint.definition() + " NOT VALID", "constraint", object, Set.of(), true),
                    validate(table, constraint.name(), object)));
        }
        Matcher key = PLAIN_KEY.matcher(constraint.definition());
        if ((constraint.type() == ConstraintType.PRIMARY_KEY || constraint.type() == ConstraintType.UNIQUE)
                && key.matches()) {
            return Optional.of(List.of(
                    new PlannedStatement("CREATE UNIQUE INDEX CONCURRENTLY " + quote(constraint.name()) + " ON "
                            + quote(table) + " " + key.group(2), "index", table.schema() + "." + constraint.name(),
                            Set.of(Hazard.NON_TRANSACTIONAL), false),
                    new PlannedStatement(alter + "ADD CONSTRAINT " + quote(constraint.name()) + " " + key.group(1)
                            + " USING INDEX " + quote(constraint.name()), "constraint", object, Set.of(), true)));
        }
        return Optional.empty();
    }

    /** In a transaction of its own, so the lock the NOT VALID step took is released and writes go on. */
    private static PlannedStatement validate(QualifiedName table, String constraint, String object) {
        return new PlannedStatement("ALTER TABLE " + quote(table) + " VALIDATE CONSTRAINT " + quote(constraint),
                "constraint", object, Set.of(Hazard.VALIDATION_SCAN, Hazard.NON_TRANSACTIONAL), false);
    }

    private static boolean onlySetsNotNull(Column current, Column desired) {
        return !current.notNull() && desired.notNull() && new Column(current.name(), current.type(), true,
                current.defaultExpression(), current.identity(), current.identityOptions(), current.collation(),
                current.generated()).equals(desired);
    }

    /** PostgreSQL 12+ skips the scan of SET NOT NULL when a validated check proves it. */
    private static List<PlannedStatement> setNotNull(QualifiedName table, String column) {
        String check = checkName(column);
        String object = table + "." + column;
        String alter = "ALTER TABLE " + quote(table) + " ";
        return List.of(
                new PlannedStatement(alter + "ADD CONSTRAINT " + quote(check) + " CHECK (" + quote(column)
                        + " IS NOT NULL) NOT VALID", "column", object, Set.of(), true),
                validate(table, check, object),
                new PlannedStatement(alter + "ALTER COLUMN " + quote(column) + " SET NOT NULL", "column", object,
                        Set.of(), true),
                new PlannedStatement(alter + "DROP CONSTRAINT " + quote(check), "column", object, Set.of(), true));
    }

    /** {@code postkit_not_null_<column>}, cut to PostgreSQL's 63 bytes at a whole character, as PostgreSQL would. */
    private static String checkName(String column) {
        StringBuilder name = new StringBuilder();
        ("postkit_not_null_" + column).codePoints().forEach(c -> {
            if ((name + Character.toString(c)).getBytes(StandardCharsets.UTF_8).length <= 63) {
                name.appendCodePoint(c);
            }
        });
        return name.toString();
    }
}
