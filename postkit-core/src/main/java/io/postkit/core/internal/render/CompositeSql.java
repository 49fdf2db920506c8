package io.postkit.core.internal.render;

import io.postkit.core.internal.model.Column;
import io.postkit.core.internal.model.CompositeType;
import io.postkit.core.internal.model.QualifiedName;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static io.postkit.core.internal.sql.Identifiers.quote;

/** Composite types. */
final class CompositeSql {

    private CompositeSql() {
    }

    static PlannedStatement create(CompositeType type) {
        String attributes = type.attributes().stream().map(CompositeSql::attribute).collect(Collectors.joining(", "));
        return new PlannedStatement("CREATE TYPE " + quote(type.name()) + " AS (" + attributes + ")", "type",
                type.name().toString(), Set.of(), true);
    }

    static PlannedStatement drop(QualifiedName type) {
        return new PlannedStatement("DROP TYPE " + quote(type), "type", type.toString(), Set.of(), true);
    }

    /** One ALTER TYPE with every attribute change: drops, retypes, then additions at the end. */
    static PlannedStatement alter(CompositeType current, CompositeType desired) {
        List<String> actions = new ArrayList<>();
        for (Column old : current.attributes()) {
            Optional<Column> wanted = find(desired, old.name());
            if (wanted.isEmpty()) {
                actions.add("DROP ATTRIBUTE " + quote(old.name()));
            } else if (!wanted.get().equals(old)) {
                Column c = wanted.get();
                actions.add("ALTER ATTRIBUTE " + quote(c.name()) + " TYPE " + c.type()
                        + (c.collation() != null ? " COLLATE " + c.collation() : ""));
            }
        }
        for (Column c : desired.attributes()) {
            if (find(current, c.name()).isEmpty()) {
                actions.add("ADD ATTRIBUTE " + attribute(c));
            }
        }
        return new PlannedStatement("ALTER TYPE " + quote(desired.name()) + " " + String.join(", ", actions), "type",
                desired.name().toString(), Set.of(), true);
    }

    private static Optional<Column> find(CompositeType type, String name) {
        return type.attributes().stream().filter(a -> a.name().equals(name)).findFirst();
    }

    private static String attribute(Column c) {
        return quote(c.name()) + " " + c.type() + (c.collation() != null ? " COLLATE " + c.collation() : "");
    }
}
