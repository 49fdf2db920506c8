package io.postkit.core.internal.diff;

import io.postkit.core.internal.model.Column;
import io.postkit.core.internal.model.Constraint;
import io.postkit.core.internal.model.ConstraintType;
import io.postkit.core.internal.model.Index;
import io.postkit.core.internal.model.QualifiedName;
import io.postkit.core.internal.model.SchemaModel;
import io.postkit.core.internal.model.Sequence;
import io.postkit.core.internal.model.Table;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Small models for diff and render tests. */
final class SchemaModels {

    private SchemaModels() {
    }

    static QualifiedName name(String table) {
        return QualifiedName.of("public", table);
    }

    static Table table(String name, List<Column> columns, List<Constraint> constraints, List<Index> indexes) {
        return new Table(name(name), columns, constraints, indexes);
    }

    static Column column(String name, String type) {
        return Column.of(name, type, false, null);
    }

    static Constraint pk(String name, String columns) {
        return Constraint.of(name, ConstraintType.PRIMARY_KEY, "PRIMARY KEY (" + columns + ")");
    }

    static Constraint fk(String name, String column, String referenced) {
        return new Constraint(name, ConstraintType.FOREIGN_KEY,
                "FOREIGN KEY (" + column + ") REFERENCES public." + referenced + "(id)", name(referenced));
    }

    static SchemaModel model(List<Table> tables, List<Sequence> sequences) {
        Map<QualifiedName, Table> t = tables.stream().collect(Collectors.toMap(Table::name, Function.identity()));
        Map<QualifiedName, Sequence> s = sequences.stream()
                .collect(Collectors.toMap(Sequence::name, Function.identity()));
        return SchemaModel.of(Set.of("public"), t, s);
    }
}
