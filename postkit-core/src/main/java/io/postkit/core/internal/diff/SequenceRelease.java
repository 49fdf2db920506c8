package io.postkit.core.internal.diff;

import io.postkit.core.internal.model.Column;
import io.postkit.core.internal.model.ColumnRef;
import io.postkit.core.internal.model.Identity;
import io.postkit.core.internal.model.SchemaModel;
import io.postkit.core.internal.model.Sequence;
import io.postkit.core.internal.model.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Columns that must let go of a sequence before sequences are dropped or created. A default that calls
 * {@code nextval} of a sequence blocks its DROP (serial to identity), and an identity sequence holds a name that a
 * new serial sequence may want (identity to serial). Which defaults use which sequence comes from
 * {@link Sequence#usedByDefaults()}, PostgreSQL's own dependency record.
 */
final class SequenceRelease {

    private final List<SchemaChange> changes = new ArrayList<>();
    private final Set<ColumnRef> released = new TreeSet<>();

    private SequenceRelease() {
    }

    /** The releases for columns that survive; a dropped column or table takes its default along by itself. */
    static SequenceRelease between(SchemaModel current, SchemaModel desired) {
        Set<ColumnRef> usersOfDropped = new TreeSet<>();
        for (Sequence sequence : current.sequences().values()) {
            if (!desired.sequences().containsKey(sequence.name())) {
                usersOfDropped.addAll(sequence.usedByDefaults());
            }
        }
        SequenceRelease release = new SequenceRelease();
        for (Table table : current.tables().values()) {
            Table kept = desired.tables().get(table.name());
            if (kept != null) {
                table.columns().stream().filter(c -> kept.column(c.name()).isPresent())
                        .forEach(c -> release.consider(table, c, kept.column(c.name()).get(), usersOfDropped));
            }
        }
        return release;
    }

    List<SchemaChange> changes() {
        return List.copyOf(changes);
    }

    /** {@code table} as it is once its columns are released: what the table's own diff starts from. */
    Table releasedTable(Table table) {
        List<Column> columns = table.columns().stream()
                .map(c -> released.contains(new ColumnRef(table.name(), c.name())) ? releasedColumn(c) : c)
                .toList();
        return table.withColumns(columns);
    }

    private void consider(Table table, Column current, Column desired, Set<ColumnRef> usersOfDropped) {
        ColumnRef ref = new ColumnRef(table.name(), current.name());
        boolean losesIdentity = current.identity() != Identity.NONE && desired.identity() == Identity.NONE;
        if (losesIdentity || usersOfDropped.contains(ref)) {
            changes.add(new SchemaChange.ReleaseSequence(table.name(), current));
            released.add(ref);
        }
    }

    /** Without identity and default (an identity column has no default; a nextval default is not generated). */
    private static Column releasedColumn(Column c) {
        return new Column(c.name(), c.type(), c.notNull(), null, Identity.NONE, null, c.collation(), c.generated());
    }
}
