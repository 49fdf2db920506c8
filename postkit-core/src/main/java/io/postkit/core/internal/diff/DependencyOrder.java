package io.postkit.core.internal.diff;

import io.postkit.core.internal.model.CompositeType;
import io.postkit.core.internal.model.Domain;
import io.postkit.core.internal.model.QualifiedName;
import io.postkit.core.internal.model.SchemaModel;
import io.postkit.core.internal.model.Table;
import io.postkit.core.internal.model.View;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Orders the changes of each phase by what PostgreSQL records they depend on ({@link TopologicalSort}): partitions
 * and inheritance children on their parents ({@code pg_inherits}; a parent's ALTER COLUMN reaches them, so theirs
 * come after), tables on the domains their columns have ({@code atttypid}), domains on their base domain, the table
 * whose row type they are over ({@code typbasetype}) and the routines their checks call, composite types on the
 * types of their attributes, routines on the routines and types they use ({@code pg_depend}), views on the views
 * they read ({@code pg_rewrite}). Creates come after what they depend on, in the desired schema; drops before, in
 * the current one. Otherwise the diff's order stays.
 */
final class DependencyOrder {

    private DependencyOrder() {
    }

    /** @param phaseOrdered changes sorted by phase */
    static List<SchemaChange> apply(List<SchemaChange> phaseOrdered, SchemaModel current, SchemaModel desired) {
        TopologicalSort<SchemaChange, QualifiedName> creates = new TopologicalSort<>(KEY, dependencies(desired));
        TopologicalSort<SchemaChange, QualifiedName> drops = new TopologicalSort<>(KEY, dependencies(current));
        List<SchemaChange> ordered = new ArrayList<>(phaseOrdered.size());
        int start = 0;
        while (start < phaseOrdered.size()) {
            Phase phase = phaseOrdered.get(start).phase();
            int end = start;
            while (end < phaseOrdered.size() && phaseOrdered.get(end).phase() == phase) {
                end++;
            }
            List<SchemaChange> run = phaseOrdered.subList(start, end);
            ordered.addAll(phase.drops() ? drops.dependentsFirst(run) : creates.dependenciesFirst(run));
            start = end;
        }
        return ordered;
    }

    /** The object a change creates, drops or alters, where the order of such changes matters; else null. */
    private static final Function<SchemaChange, QualifiedName> KEY = new ChangeCases<QualifiedName>()
            .on(SchemaChange.CreateTable.class, c -> c.table().name())
            .on(SchemaChange.DropTable.class, SchemaChange.DropTable::table)
            .on(SchemaChange.AlterColumn.class, SchemaChange.AlterColumn::table)
            .on(SchemaChange.AlterPartitionColumn.class, SchemaChange.AlterPartitionColumn::table)
            .on(SchemaChange.CreateDomain.class, c -> c.domain().name())
            .on(SchemaChange.DropDomain.class, c -> c.domain().name())
            .on(SchemaChange.AlterDomain.class, c -> c.desired().name())
            .on(SchemaChange.CreateComposite.class, c -> c.type().name())
            .on(SchemaChange.DropComposite.class, SchemaChange.DropComposite::type)
            .on(SchemaChange.CreateEnum.class, c -> c.type().name())
            .on(SchemaChange.CreateRange.class, c -> c.type().name())
            .on(SchemaChange.CreateRoutine.class, c -> c.routine().signature())
            .on(SchemaChange.DropRoutine.class, c -> c.routine().signature())
            .on(SchemaChange.CreateView.class, c -> c.view().name())
            .on(SchemaChange.DropView.class, SchemaChange.DropView::view)
            .orElse(null);

    /** What the object of a change depends on, as {@code model} has it. */
    private static Function<SchemaChange, Collection<QualifiedName>> dependencies(SchemaModel model) {
        Map<String, QualifiedName> views = new TreeMap<>();
        model.views().keySet().forEach(v -> views.put(v.toString(), v));
        Function<SchemaChange, Collection<QualifiedName>> ofObject = new ChangeCases<Collection<QualifiedName>>()
                .on(SchemaChange.CreateRoutine.class, c -> c.routine().uses())
                .on(SchemaChange.DropRoutine.class, c -> c.routine().uses())
                .on(SchemaChange.CreateView.class, c -> viewsRead(c.view(), views))
                .on(SchemaChange.DropView.class, c -> viewsRead(model.views().get(c.view()), views))
                .orElse(null);
        return change -> {
            Collection<QualifiedName> own = ofObject.apply(change);
            return own != null ? own : dependenciesOf(KEY.apply(change), model);
        };
    }

    /** What a table, domain or composite type depends on; nothing for another kind of object. */
    private static Set<QualifiedName> dependenciesOf(QualifiedName object, SchemaModel model) {
        Set<QualifiedName> dependencies = new TreeSet<>();
        if (object == null) {
            return dependencies;
        }
        Table table = model.tables().get(object);
        Domain domain = model.domains().get(object);
        CompositeType composite = model.composites().get(object);
        if (table != null) {
            dependencies.addAll(table.parents());
            model.domains().values().stream().filter(d -> d.usedBy().contains(object))
                    .forEach(d -> dependencies.add(d.name()));
        } else if (domain != null) {
            if (domain.rowTypeOf() != null) {
                dependencies.add(domain.rowTypeOf());
            }
            if (domain.baseDomain() != null) {
                dependencies.add(domain.baseDomain());
            }
            dependencies.addAll(domain.routines());
        } else if (composite != null) {
            dependencies.addAll(composite.uses());
        }
        return dependencies;
    }

    private static Set<QualifiedName> viewsRead(View view, Map<String, QualifiedName> views) {
        Set<QualifiedName> read = new TreeSet<>();
        if (view != null) {
            view.dependsOn().stream().map(views::get).filter(java.util.Objects::nonNull).forEach(read::add);
        }
        return read;
    }
}
