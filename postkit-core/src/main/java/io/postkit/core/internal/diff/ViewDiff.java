package io.postkit.core.internal.diff;

import io.postkit.core.internal.model.Column;
import io.postkit.core.internal.model.QualifiedName;
import io.postkit.core.internal.model.SchemaModel;
import io.postkit.core.internal.model.View;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Views, and the views that must be dropped and recreated around a change to what they read. What a view reads
 * comes from PostgreSQL's dependency records ({@code pg_rewrite} via {@code pg_depend}), never from its text; by the
 * same records {@link DependencyOrder} drops dependents first and creates dependencies first.
 */
final class ViewDiff {

    /** The views to drop and to create, by name. */
    record Result(List<SchemaChange> drops, List<SchemaChange> creates, Set<QualifiedName> recreated,
                  List<SchemaChange> indexChanges) {
    }

    private ViewDiff() {
    }

    /**
     * @param changedRelations tables dropped by the diff, whose views must go first
     * @param changedObjects   {@code schema.table.column} of columns dropped or retyped by the diff, and
     *                         {@code schema.routine(args)} of routines it drops
     */
    static Result between(SchemaModel current, SchemaModel desired, Set<QualifiedName> changedRelations,
                          Set<String> changedObjects) {
        Set<QualifiedName> dropped = new TreeSet<>();
        Set<QualifiedName> replaced = new TreeSet<>();
        List<SchemaChange> indexChanges = new ArrayList<>();
        for (View view : current.views().values()) {
            View wanted = desired.views().get(view.name());
            if (wanted != null && onlyIndexesDiffer(view, wanted)) {
                indexChanges.addAll(IndexDiff.between(view.name(), view.indexes(), wanted.indexes()));
                continue;
            }
            if (wanted == null || (!wanted.equals(view) && !replaceable(view, wanted))) {
                dropped.add(view.name());
            } else if (!wanted.equals(view)) {
                replaced.add(view.name());
            }
        }
        dropped.addAll(dependents(current.views().values(), dropped, changedRelations, changedObjects));
        replaced.removeAll(dropped);

        List<SchemaChange> drops = new ArrayList<>();
        for (QualifiedName name : dropped) {
            drops.add(new SchemaChange.DropView(name, current.views().get(name).materialized()));
        }
        Set<QualifiedName> toCreate = new TreeSet<>(replaced);
        for (View view : desired.views().values()) {
            if (!current.views().containsKey(view.name()) || dropped.contains(view.name())) {
                toCreate.add(view.name());
            }
        }
        List<SchemaChange> creates = new ArrayList<>();
        for (QualifiedName name : toCreate) {
            creates.add(new SchemaChange.CreateView(desired.views().get(name), replaced.contains(name)));
        }
        Set<QualifiedName> recreated = new TreeSet<>(dropped);
        recreated.retainAll(desired.views().keySet());
        return new Result(drops, creates, recreated, indexChanges);
    }

    /** A materialized view whose query is the same keeps its data: only its indexes change. */
    private static boolean onlyIndexesDiffer(View current, View desired) {
        return current.materialized() && desired.materialized() && !current.indexes().equals(desired.indexes())
                && new View(current.name(), current.columns(), current.definition(), current.options(),
                current.dependsOn(), true, current.populated(), desired.indexes()).equals(desired);
    }

    /**
     * CREATE OR REPLACE VIEW keeps existing columns (same names and types, same order) and may add some at the end;
     * options are only changed by recreating.
     */
    private static boolean replaceable(View current, View desired) {
        if (current.materialized() || desired.materialized()) {
            return false;
        }
        List<Column> before = current.columns();
        List<Column> after = desired.columns();
        return current.options().equals(desired.options()) && after.size() >= before.size()
                && after.subList(0, before.size()).equals(before);
    }

    /** Views that read a dropped view, a changed relation or a changed column, transitively. */
    private static Set<QualifiedName> dependents(Collection<View> views, Set<QualifiedName> dropped,
                                                 Set<QualifiedName> changedRelations, Set<String> changedColumns) {
        Set<QualifiedName> affected = new TreeSet<>(dropped);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (View view : views) {
                if (affected.contains(view.name())) {
                    continue;
                }
                boolean reads = view.dependsOn().stream().anyMatch(changedColumns::contains)
                        || changedRelations.stream().anyMatch(view::readsRelation)
                        || affected.stream().anyMatch(view::readsRelation);
                if (reads) {
                    affected.add(view.name());
                    grew = true;
                }
            }
        }
        affected.removeAll(dropped);
        return affected;
    }
}
