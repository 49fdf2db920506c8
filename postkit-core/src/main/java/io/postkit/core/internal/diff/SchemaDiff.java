package io.postkit.core.internal.diff;

import io.postkit.core.internal.model.CommentTarget;
import io.postkit.core.internal.model.ConstraintType;
import io.postkit.core.internal.model.QualifiedName;
import io.postkit.core.internal.model.SchemaModel;
import io.postkit.core.internal.model.Table;
import io.postkit.core.internal.model.Trigger;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The changes that turn {@code current} into {@code desired}: minimal (ALTER where PostgreSQL can alter), in
 * execution order: by {@link Phase}; within a phase, what depends on what ({@link DependencyOrder}), else the
 * order each kind's diff produced, which is by name.
 */
public final class SchemaDiff {

    private static final String PUBLIC = "public";

    private SchemaDiff() {
    }

    /** The changes, owners left as they are. */
    public static List<SchemaChange> between(SchemaModel current, SchemaModel desired) {
        return between(current, desired, OwnerRule.IGNORED);
    }

    /** The changes, owners as {@code owners} says (a clone reproduces them; {@code manageOwners} sets declared ones). */
    public static List<SchemaChange> between(SchemaModel current, SchemaModel desired, OwnerRule owners) {
        List<SchemaChange> changes = new ArrayList<>();
        schemas(current, desired, changes);
        Set<QualifiedName> droppedTables = new java.util.TreeSet<>(current.tables().keySet());
        droppedTables.removeAll(desired.tables().keySet());
        SequenceRelease release = SequenceRelease.between(current, desired);
        changes.addAll(release.changes());
        for (Table table : desired.tables().values()) {
            Table existing = current.tables().get(table.name());
            if (existing == null) {
                created(table, desired, changes);
            } else {
                Table from = existing.withColumns(existing.isPartition() && table.isPartition()
                        ? TableHierarchy.columnsAfterParentChanges(current, desired, existing)
                        : TableHierarchy.columnsOf(current, existing));
                Table to = table.withColumns(TableHierarchy.columnsOf(desired, table));
                changes.addAll(TableDiff.between(release.releasedTable(from), to));
            }
        }
        for (QualifiedName name : droppedTables) {
            dropped(current.tables().get(name), changes);
        }
        changes.addAll(ForeignKeyRebuild.around(changes, current, desired));
        changes.addAll(SequenceDiff.between(current, desired, droppedTables));
        RoutineDiff.Result routines = RoutineDiff.between(current, desired, droppedTables);
        changes.addAll(routines.changes());
        changes.addAll(PolicyDiff.between(current, desired, droppedTables));
        EnumDiff.Result enums = EnumDiff.between(current, desired);
        changes.addAll(enums.changes());
        changes.addAll(DomainDiff.between(current, desired));
        changes.addAll(CompositeDiff.between(current, desired));
        RangeDiff.Result ranges = RangeDiff.between(current, desired);
        changes.addAll(ranges.changes());
        Set<String> changedObjects = changedColumns(changes);
        routines.droppedSignatures().forEach(signature -> changedObjects.add(signature.toString()));
        changedObjects.addAll(enums.convertedColumns());
        ViewDiff.Result views = ViewDiff.between(current, desired, droppedTables, changedObjects);
        changes.addAll(views.drops());
        changes.addAll(views.creates());
        changes.addAll(views.indexChanges());
        changes.addAll(triggersOfRecreatedViews(current, desired, views.recreated(), changes));
        Set<QualifiedName> recreatedTypes = recreatedTypes(changes, ranges.recreated());
        changes.addAll(CommentDiff.between(current, desired, recreatedTarget(changes, views.recreated(),
                routines.droppedSignatures(), recreatedTypes)));
        Set<QualifiedName> recreated = new java.util.TreeSet<>(views.recreated());
        recreated.addAll(routines.droppedSignatures());
        recreated.addAll(recreatedTypes);
        changes.addAll(GrantDiff.between(current, desired, recreated));
        changes.addAll(DefaultGrantDiff.between(current, desired));
        changes.addAll(OwnerDiff.between(current, desired, owners));
        List<SchemaChange> ordered = new ArrayList<>(changes);
        ordered.sort(Comparator.comparing(SchemaChange::phase));
        return List.copyOf(DependencyOrder.apply(ordered, current, desired));
    }

    /**
     * A view dropped and created again loses its (INSTEAD OF) triggers: they are dropped with it and created again,
     * unless the trigger's own diff does so already.
     */
    private static List<SchemaChange> triggersOfRecreatedViews(SchemaModel current, SchemaModel desired,
            Set<QualifiedName> recreatedViews, List<SchemaChange> changes) {
        Set<String> created = new java.util.TreeSet<>();
        changes.stream().filter(SchemaChange.CreateTrigger.class::isInstance)
                .forEach(c -> created.add(((SchemaChange.CreateTrigger) c).trigger().key()));
        List<SchemaChange> again = new ArrayList<>();
        for (Trigger trigger : desired.triggers().values()) {
            if (recreatedViews.contains(trigger.table()) && !created.contains(trigger.key())) {
                Trigger existing = current.triggers().get(trigger.key());
                if (existing != null) {
                    again.add(new SchemaChange.DropTrigger(existing));
                }
                again.add(new SchemaChange.CreateTrigger(trigger));
            }
        }
        return again;
    }

    /** Whether a comment's object is dropped and created again by {@code changes}: its comment must be set again. */
    private static java.util.function.Predicate<CommentTarget> recreatedTarget(List<SchemaChange> changes,
            Set<QualifiedName> views, Set<QualifiedName> routines, Set<QualifiedName> types) {
        Set<String> triggers = new java.util.TreeSet<>();
        changes.stream().filter(SchemaChange.DropTrigger.class::isInstance)
                .forEach(c -> triggers.add(((SchemaChange.DropTrigger) c).trigger().key()));
        return target -> switch (target.kind()) {
            case VIEW, MATERIALIZED_VIEW, COLUMN -> views.contains(target.object());
            case ROUTINE -> routines.contains(QualifiedName.of(target.object().schema(),
                    target.object().name() + "(" + target.member() + ")"));
            case TRIGGER -> triggers.contains(target.object() + "." + target.member());
            case TYPE -> types.contains(target.object());
            default -> false;
        };
    }

    /** Types dropped and created again: range types that changed, enums recreated the long way. */
    private static Set<QualifiedName> recreatedTypes(List<SchemaChange> changes, Set<QualifiedName> ranges) {
        Set<QualifiedName> types = new java.util.TreeSet<>(ranges);
        changes.stream().filter(SchemaChange.RecreateEnum.class::isInstance)
                .forEach(c -> types.add(((SchemaChange.RecreateEnum) c).desired().name()));
        return types;
    }

    /** Columns a view cannot survive: dropped, or given another type or collation. */
    private static Set<String> changedColumns(List<SchemaChange> changes) {
        Set<String> columns = new java.util.TreeSet<>();
        for (SchemaChange change : changes) {
            if (change instanceof SchemaChange.DropColumn drop) {
                columns.add(drop.table() + "." + drop.column());
            } else if (change instanceof SchemaChange.AlterColumn alter
                    && (ColumnDiff.typeChanged(alter.current(), alter.desired())
                    || ColumnDiff.collationChanged(alter.current(), alter.desired()))) {
                columns.add(alter.table() + "." + alter.desired().name());
            }
        }
        return columns;
    }

    private static void schemas(SchemaModel current, SchemaModel desired, List<SchemaChange> changes) {
        for (String schema : desired.schemas()) {
            if (!current.schemas().contains(schema)) {
                changes.add(new SchemaChange.CreateSchema(schema));
            }
        }
        for (String schema : current.schemas()) {
            if (!desired.schemas().contains(schema) && !schema.equals(PUBLIC)) {
                changes.add(new SchemaChange.DropSchema(schema));
            }
        }
    }

    /**
     * A new partition is created with its parent's columns (as the parent's changes leave them by the time its own
     * are set), then given its own defaults and NOT NULL.
     */
    private static void created(Table table, SchemaModel desired, List<SchemaChange> changes) {
        changes.add(new SchemaChange.CreateTable(table));
        Table parent = table.isPartition() ? desired.tables().get(table.partitionOf().parent()) : null;
        if (parent != null) {
            changes.addAll(TableDiff.partitionColumns(table.withColumns(TableHierarchy.columnsOf(desired, parent)),
                    table.withColumns(TableHierarchy.columnsOf(desired, table))));
        }
        table.constraints().forEach(c -> changes.add(new SchemaChange.AddConstraint(table.name(), c)));
        table.indexes().forEach(i -> changes.add(new SchemaChange.CreateIndex(table.name(), i)));
    }

    /**
     * A dropped table's own foreign keys are dropped first: two dropped tables that reference each other could not
     * otherwise be dropped one at a time.
     */
    private static void dropped(Table table, List<SchemaChange> changes) {
        table.constraints().stream().filter(c -> c.type() == ConstraintType.FOREIGN_KEY)
                .forEach(c -> changes.add(new SchemaChange.DropConstraint(table.name(), c)));
        changes.add(new SchemaChange.DropTable(table.name()));
    }
}
