package io.postkit.core.internal.render;

import io.postkit.core.internal.diff.ChangeCases;
import io.postkit.core.internal.diff.SchemaChange;
import io.postkit.core.internal.diff.SchemaChange.AddColumn;
import io.postkit.core.internal.diff.SchemaChange.AddConstraint;
import io.postkit.core.internal.diff.SchemaChange.AlterColumn;
import io.postkit.core.internal.diff.SchemaChange.AlterSequence;
import io.postkit.core.internal.diff.SchemaChange.CreateIndex;
import io.postkit.core.internal.diff.SchemaChange.CreateSchema;
import io.postkit.core.internal.diff.SchemaChange.CreateSequence;
import io.postkit.core.internal.diff.SchemaChange.CreateTable;
import io.postkit.core.internal.diff.SchemaChange.DropColumn;
import io.postkit.core.internal.diff.SchemaChange.DropConstraint;
import io.postkit.core.internal.diff.SchemaChange.DropIndex;
import io.postkit.core.internal.diff.SchemaChange.DropSchema;
import io.postkit.core.internal.diff.SchemaChange.DropSequence;
import io.postkit.core.internal.diff.SchemaChange.DropTable;
import io.postkit.core.internal.diff.SchemaChange.SetSequenceOwner;

import io.postkit.core.internal.model.QualifiedName;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.postkit.core.internal.sql.Identifiers.quote;

/** Turns each change into one SQL statement, with what it touches and what it risks. */
public final class SqlRenderer {

    private SqlRenderer() {
    }

    /**
     * Renders a whole diff. A table created by the same diff is empty while its keys, indexes and checks are added,
     * so those statements lock and scan nothing: their row-size hazards are dropped.
     */
    public static List<PlannedStatement> renderAll(List<SchemaChange> changes) {
        return renderAll(changes, RenderOptions.DEFAULT);
    }

    /** Renders a whole diff; online, changes to tables that exist already take their online form. */
    public static List<PlannedStatement> renderAll(List<SchemaChange> changes, RenderOptions options) {
        Set<QualifiedName> created = createdTables(changes);
        List<PlannedStatement> statements = new java.util.ArrayList<>();
        if (changes.stream().anyMatch(SchemaChange.CreateRoutine.class::isInstance)) {
            statements.add(SKIP_BODY_CHECKS);
        }
        for (SchemaChange change : changes) {
            QualifiedName table = tableOf(change);
            if (table != null && (created.contains(table) || options.emptyTables().contains(table))) {
                statements.add(onEmptyTable(render(change)));
            } else if (options.online()) {
                statements.addAll(OnlineSql.render(change, options).orElseGet(() -> List.of(render(change))));
            } else {
                statements.add(render(change));
            }
        }
        return List.copyOf(statements);
    }

    /**
     * Routine bodies may name tables created later in the same migration, and PostgreSQL records no dependency for
     * them; like pg_dump, the migration does not check bodies at creation (for its own transaction only).
     */
    public static final PlannedStatement SKIP_BODY_CHECKS = new PlannedStatement(
            "SET LOCAL check_function_bodies = off", "setting", "check_function_bodies", Set.of(), true);

    /** The existing tables whose rows make some of {@code changes} lock or scan for long. */
    public static Set<QualifiedName> tablesWithRowHazards(List<SchemaChange> changes) {
        Set<QualifiedName> created = createdTables(changes);
        Set<QualifiedName> tables = new java.util.TreeSet<>();
        for (SchemaChange change : changes) {
            QualifiedName table = tableOf(change);
            if (table != null && !created.contains(table)) {
                tables.add(table);
            }
        }
        return tables;
    }

    private static Set<QualifiedName> createdTables(List<SchemaChange> changes) {
        return changes.stream().filter(CreateTable.class::isInstance).map(c -> ((CreateTable) c).table().name())
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    /** The table whose rows decide how long a change locks or scans, or null. */
    private static final Function<SchemaChange, QualifiedName> LOCKED_TABLE = new ChangeCases<QualifiedName>()
            .on(AddConstraint.class, AddConstraint::table)
            .on(CreateIndex.class, CreateIndex::table)
            .on(AlterColumn.class, AlterColumn::table)
            .on(AddColumn.class, AddColumn::table)
            .on(SchemaChange.SetPersistence.class, SchemaChange.SetPersistence::table)
            .on(SchemaChange.AttachPartition.class, SchemaChange.AttachPartition::table)
            .on(SchemaChange.AlterPartitionColumn.class, SchemaChange.AlterPartitionColumn::table)
            .on(SchemaChange.CreateTrigger.class, c -> c.trigger().table())
            .orElse(null);

    private static QualifiedName tableOf(SchemaChange change) {
        return LOCKED_TABLE.apply(change);
    }

    private static PlannedStatement onEmptyTable(PlannedStatement statement) {
        Set<Hazard> hazards = EnumSet.noneOf(Hazard.class);
        hazards.addAll(statement.hazards());
        hazards.removeAll(EnumSet.of(Hazard.LONG_LOCK, Hazard.VALIDATION_SCAN, Hazard.TABLE_REWRITE));
        return new PlannedStatement(statement.sql(), statement.objectKind(), statement.objectName(), hazards,
                statement.transactional());
    }

    public static PlannedStatement render(SchemaChange change) {
        return RENDERING.apply(change);
    }

    /** One statement for each kind of change; {@link ChangeCases#complete()} refuses a kind without one. */
    private static final Function<SchemaChange, PlannedStatement> RENDERING = new ChangeCases<PlannedStatement>()
            .on(CreateSchema.class, c -> new PlannedStatement("CREATE SCHEMA " + quote(c.schema()), "schema",
                    c.schema(), Set.of(), true))
            .on(DropSchema.class, c -> new PlannedStatement("DROP SCHEMA " + quote(c.schema()), "schema", c.schema(),
                    Set.of(Hazard.DATA_LOSS), true))
            .on(SchemaChange.CreateExtension.class, c -> ExtensionSql.create(c.name(), c.schema()))
            .on(SchemaChange.SetExtensionSchema.class, c -> ExtensionSql.setSchema(c.name(), c.schema()))
            .on(SchemaChange.DropExtension.class, c -> ExtensionSql.drop(c.name()))
            .on(CreateSequence.class, c -> SequenceSql.create(c.sequence()))
            .on(AlterSequence.class, c -> SequenceSql.alter(c.desired()))
            .on(SetSequenceOwner.class, c -> SequenceSql.owner(c.sequence()))
            .on(DropSequence.class, c -> SequenceSql.drop(c.sequence()))
            .on(CreateTable.class, c -> TableSql.create(c.table()))
            .on(SchemaChange.SetPersistence.class, c -> TableSql.persistence(c.table(), c.unlogged()))
            .on(SchemaChange.SetStorageParameters.class, c -> TableSql.storageParameters(c.table(), c.set(),
                    c.reset()))
            .on(SchemaChange.AttachPartition.class, c -> TableSql.attach(c.table(), c.partitionOf()))
            .on(SchemaChange.DetachPartition.class, c -> TableSql.detach(c.table(), c.parent()))
            .on(DropTable.class, c -> TableSql.drop(c.table()))
            .on(AddColumn.class, c -> ColumnSql.add(c.table(), c.column()))
            .on(DropColumn.class, c -> ColumnSql.drop(c.table(), c.column()))
            .on(AlterColumn.class, c -> ColumnSql.alter(c.table(), c.current(), c.desired()))
            .on(SchemaChange.AlterPartitionColumn.class, c -> ColumnSql.alter(c.table(), c.current(), c.desired()))
            .on(SchemaChange.ReleaseSequence.class, c -> ColumnSql.releaseSequence(c.table(), c.column()))
            .on(AddConstraint.class, c -> ConstraintSql.add(c.table(), c.constraint()))
            .on(DropConstraint.class, c -> ConstraintSql.drop(c.table(), c.constraint()))
            .on(CreateIndex.class, c -> IndexSql.create(c.table(), c.index()))
            .on(DropIndex.class, c -> IndexSql.drop(c.index()))
            .on(SchemaChange.CreateView.class, c -> ViewSql.create(c.view(), c.orReplace()))
            .on(SchemaChange.DropView.class, c -> ViewSql.drop(c.view(), c.materialized()))
            .on(SchemaChange.CreateRoutine.class, c -> RoutineSql.create(c.routine()))
            .on(SchemaChange.DropRoutine.class, c -> RoutineSql.drop(c.routine()))
            .on(SchemaChange.CreateTrigger.class, c -> RoutineSql.createTrigger(c.trigger()))
            .on(SchemaChange.DropTrigger.class, c -> RoutineSql.dropTrigger(c.trigger()))
            .on(SchemaChange.CreateEnum.class, c -> EnumSql.create(c.type()))
            .on(SchemaChange.DropEnum.class, c -> EnumSql.drop(c.type()))
            .on(SchemaChange.AddEnumValue.class, EnumSql::addValue)
            .on(SchemaChange.RecreateEnum.class, EnumSql::recreate)
            .on(SchemaChange.SetRowSecurity.class, c -> PolicySql.rowSecurity(c.table(), c.enabled(), c.forced()))
            .on(SchemaChange.CreatePolicy.class, c -> PolicySql.create(c.policy()))
            .on(SchemaChange.DropPolicy.class, c -> PolicySql.drop(c.policy()))
            .on(SchemaChange.GrantPrivilege.class, c -> GrantSql.grant(c.grant()))
            .on(SchemaChange.RevokePrivilege.class, c -> GrantSql.revoke(c.grant(), c.optionOnly()))
            .on(SchemaChange.AlterDefaultPrivilege.class, c -> DefaultGrantSql.alter(c.grant(), c.revoke(),
                    c.optionOnly()))
            .on(SchemaChange.CreateDomain.class, c -> DomainSql.create(c.domain()))
            .on(SchemaChange.DropDomain.class, c -> DomainSql.drop(c.domain().name()))
            .on(SchemaChange.AlterDomain.class, c -> DomainSql.alter(c.current(), c.desired()))
            .on(SchemaChange.CreateComposite.class, c -> CompositeSql.create(c.type()))
            .on(SchemaChange.DropComposite.class, c -> CompositeSql.drop(c.type()))
            .on(SchemaChange.AlterComposite.class, c -> CompositeSql.alter(c.current(), c.desired()))
            .on(SchemaChange.SetOwner.class, c -> GrantSql.owner(c.owner()))
            .on(SchemaChange.CreateRange.class, c -> new PlannedStatement(c.type().definition(), "type",
                    c.type().name().toString(), Set.of(), true))
            .on(SchemaChange.DropRange.class, c -> new PlannedStatement("DROP TYPE " + quote(c.type().name()), "type",
                    c.type().name().toString(), Set.of(Hazard.DATA_LOSS), true))
            .on(SchemaChange.SetComment.class, c -> CommentSql.set(c.target(), c.text()))
            .complete();
}
