package io.postkit.core.internal.render;

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

    /** The table whose rows decide how long {@code change} locks or scans, or null. */
    private static QualifiedName tableOf(SchemaChange change) {
        if (change instanceof AddConstraint c) {
            return c.table();
        } else if (change instanceof CreateIndex c) {
            return c.table();
        } else if (change instanceof AlterColumn c) {
            return c.table();
        } else if (change instanceof AddColumn c) {
            return c.table();
        } else if (change instanceof SchemaChange.SetPersistence c) {
            return c.table();
        } else if (change instanceof SchemaChange.AttachPartition c) {
            return c.table();
        } else if (change instanceof SchemaChange.CreateTrigger c) {
            return c.trigger().table();
        }
        return null;
    }

    private static PlannedStatement onEmptyTable(PlannedStatement statement) {
        Set<Hazard> hazards = EnumSet.noneOf(Hazard.class);
        hazards.addAll(statement.hazards());
        hazards.removeAll(EnumSet.of(Hazard.LONG_LOCK, Hazard.VALIDATION_SCAN, Hazard.TABLE_REWRITE));
        return new PlannedStatement(statement.sql(), statement.objectKind(), statement.objectName(), hazards,
                statement.transactional());
    }

    public static PlannedStatement render(SchemaChange change) {
        if (change instanceof CreateSchema c) {
            return new PlannedStatement("CREATE SCHEMA " + quote(c.schema()), "schema", c.schema(), Set.of(), true);
        } else if (change instanceof DropSchema c) {
            return new PlannedStatement("DROP SCHEMA " + quote(c.schema()), "schema", c.schema(),
                    Set.of(Hazard.DATA_LOSS), true);
        } else if (change instanceof CreateSequence c) {
            return SequenceSql.create(c.sequence());
        } else if (change instanceof AlterSequence c) {
            return SequenceSql.alter(c.desired());
        } else if (change instanceof SetSequenceOwner c) {
            return SequenceSql.owner(c.sequence());
        } else if (change instanceof DropSequence c) {
            return SequenceSql.drop(c.sequence());
        } else if (change instanceof CreateTable c) {
            return TableSql.create(c.table());
        } else if (change instanceof SchemaChange.SetPersistence c) {
            return TableSql.persistence(c.table(), c.unlogged());
        } else if (change instanceof SchemaChange.SetStorageParameters c) {
            return TableSql.storageParameters(c.table(), c.set(), c.reset());
        } else if (change instanceof SchemaChange.AttachPartition c) {
            return TableSql.attach(c.table(), c.partitionOf());
        } else if (change instanceof SchemaChange.DetachPartition c) {
            return TableSql.detach(c.table(), c.parent());
        } else if (change instanceof DropTable c) {
            return TableSql.drop(c.table());
        } else if (change instanceof AddColumn c) {
            return ColumnSql.add(c.table(), c.column());
        } else if (change instanceof DropColumn c) {
            return ColumnSql.drop(c.table(), c.column());
        } else if (change instanceof AlterColumn c) {
            return ColumnSql.alter(c.table(), c.current(), c.desired());
        } else if (change instanceof SchemaChange.ReleaseSequence c) {
            return ColumnSql.releaseSequence(c.table(), c.column());
        } else if (change instanceof AddConstraint c) {
            return ConstraintSql.add(c.table(), c.constraint());
        } else if (change instanceof DropConstraint c) {
            return ConstraintSql.drop(c.table(), c.constraint());
        } else if (change instanceof CreateIndex c) {
            return IndexSql.create(c.table(), c.index());
        } else if (change instanceof DropIndex c) {
            return IndexSql.drop(c.index());
        } else if (change instanceof SchemaChange.CreateView c) {
            return ViewSql.create(c.view(), c.orReplace());
        } else if (change instanceof SchemaChange.DropView c) {
            return ViewSql.drop(c.view(), c.materialized());
        } else if (change instanceof SchemaChange.CreateRoutine c) {
            return RoutineSql.create(c.routine());
        } else if (change instanceof SchemaChange.DropRoutine c) {
            return RoutineSql.drop(c.routine());
        } else if (change instanceof SchemaChange.CreateTrigger c) {
            return RoutineSql.createTrigger(c.trigger());
        } else if (change instanceof SchemaChange.DropTrigger c) {
            return RoutineSql.dropTrigger(c.trigger());
        } else if (change instanceof SchemaChange.CreateEnum c) {
            return EnumSql.create(c.type());
        } else if (change instanceof SchemaChange.DropEnum c) {
            return EnumSql.drop(c.type());
        } else if (change instanceof SchemaChange.AddEnumValue c) {
            return EnumSql.addValue(c);
        } else if (change instanceof SchemaChange.RecreateEnum c) {
            return EnumSql.recreate(c);
        } else if (change instanceof SchemaChange.SetRowSecurity c) {
            return PolicySql.rowSecurity(c.table(), c.enabled(), c.forced());
        } else if (change instanceof SchemaChange.CreatePolicy c) {
            return PolicySql.create(c.policy());
        } else if (change instanceof SchemaChange.DropPolicy c) {
            return PolicySql.drop(c.policy());
        } else if (change instanceof SchemaChange.GrantPrivilege c) {
            return GrantSql.grant(c.grant());
        } else if (change instanceof SchemaChange.RevokePrivilege c) {
            return GrantSql.revoke(c.grant(), c.optionOnly());
        } else if (change instanceof SchemaChange.AlterDefaultPrivilege c) {
            return DefaultGrantSql.alter(c.grant(), c.revoke(), c.optionOnly());
        } else if (change instanceof SchemaChange.CreateDomain c) {
            return DomainSql.create(c.domain());
        } else if (change instanceof SchemaChange.DropDomain c) {
            return DomainSql.drop(c.domain().name());
        } else if (change instanceof SchemaChange.AlterDomain c) {
            return DomainSql.alter(c.current(), c.desired());
        } else if (change instanceof SchemaChange.CreateComposite c) {
            return CompositeSql.create(c.type());
        } else if (change instanceof SchemaChange.DropComposite c) {
            return CompositeSql.drop(c.type());
        } else if (change instanceof SchemaChange.AlterComposite c) {
            return CompositeSql.alter(c.current(), c.desired());
        } else if (change instanceof SchemaChange.SetOwner c) {
            return GrantSql.owner(c.owner());
        } else if (change instanceof SchemaChange.CreateRange c) {
            return new PlannedStatement(c.type().definition(), "type", c.type().name().toString(), Set.of(), true);
        } else if (change instanceof SchemaChange.DropRange c) {
            return new PlannedStatement("DROP TYPE " + quote(c.type().name()), "type", c.type().name().toString(),
                    Set.of(Hazard.DATA_LOSS), true);
        } else if (change instanceof SchemaChange.SetComment c) {
            return CommentSql.set(c.target(), c.text());
        }
        throw new IllegalArgumentException("no rendering for " + change);
    }
}
