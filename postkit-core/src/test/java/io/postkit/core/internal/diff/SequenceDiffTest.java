package io.postkit.core.internal.diff;

import io.postkit.core.internal.model.Column;
import io.postkit.core.internal.model.ColumnRef;
import io.postkit.core.internal.model.Identity;
import io.postkit.core.internal.model.Sequence;
import io.postkit.core.internal.model.SequenceOptions;
import io.postkit.core.internal.model.Table;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.postkit.core.internal.diff.SchemaModels.column;
import static io.postkit.core.internal.diff.SchemaModels.model;
import static io.postkit.core.internal.diff.SchemaModels.name;
import static io.postkit.core.internal.diff.SchemaModels.table;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Sequences and the columns that own them or draw from them. */
class SequenceDiffTest {

    private static final SequenceOptions INT = new SequenceOptions("integer", 1, 1, 1, Integer.MAX_VALUE, 1, false);
    private static final ColumnRef T_ID = new ColumnRef(name("t"), "id");
    private static final Column SERIAL_ID = Column.of("id", "integer", true, "nextval('public.t_id_seq'::regclass)");
    private static final Column IDENTITY_ID = new Column("id", "integer", true, null, Identity.BY_DEFAULT, INT, null);
    private static final Sequence SERIAL_SEQ = new Sequence(name("t_id_seq"), INT, T_ID, List.of(T_ID));

    private static Table t(Column... columns) {
        return table("t", List.of(columns), List.of(), List.of());
    }

    @Test
    void serialToIdentityDropsTheDefaultBeforeTheSequenceAndAddsTheIdentityAfter() {
        List<SchemaChange> changes = SchemaDiff.between(model(List.of(t(SERIAL_ID)), List.of(SERIAL_SEQ)),
                model(List.of(t(IDENTITY_ID)), List.of()));
        Column released = Column.of("id", "integer", true, null);
        assertEquals(List.of(new SchemaChange.ReleaseSequence(name("t"), SERIAL_ID),
                new SchemaChange.DropSequence(SERIAL_SEQ.name()),
                new SchemaChange.AlterColumn(name("t"), released, IDENTITY_ID)), changes);
    }

    @Test
    void identityToSerialDropsTheIdentityBeforeTheSequenceOfTheSameNameIsCreated() {
        List<SchemaChange> changes = SchemaDiff.between(model(List.of(t(IDENTITY_ID)), List.of()),
                model(List.of(t(SERIAL_ID)), List.of(SERIAL_SEQ)));
        Column released = Column.of("id", "integer", true, null);
        assertEquals(List.of(new SchemaChange.ReleaseSequence(name("t"), IDENTITY_ID),
                new SchemaChange.CreateSequence(SERIAL_SEQ),
                new SchemaChange.AlterColumn(name("t"), released, SERIAL_ID),
                new SchemaChange.SetSequenceOwner(SERIAL_SEQ)), changes);
    }

    @Test
    void aSequenceThatOutlivesItsOwningColumnIsReleasedBeforeTheColumnIsDropped() {
        Sequence kept = new Sequence(name("t_id_seq"), INT, null);
        List<SchemaChange> changes = SchemaDiff.between(
                model(List.of(t(column("n", "integer"), SERIAL_ID)), List.of(SERIAL_SEQ)),
                model(List.of(t(column("n", "integer"))), List.of(kept)));
        assertEquals(List.of(new SchemaChange.SetSequenceOwner(kept), new SchemaChange.DropColumn(name("t"), "id")),
                changes);
    }

    @Test
    void aSequenceMovingFromADroppedColumnIsReleasedFirstAndOwnedByTheNewColumnLast() {
        Column other = column("other", "integer");
        Sequence moved = new Sequence(name("t_id_seq"), INT, new ColumnRef(name("t"), "other"));
        List<SchemaChange> changes = SchemaDiff.between(model(List.of(t(SERIAL_ID)), List.of(SERIAL_SEQ)),
                model(List.of(t(other)), List.of(moved)));
        assertEquals(List.of(new SchemaChange.SetSequenceOwner(new Sequence(name("t_id_seq"), INT, null,
                        List.of(T_ID))),
                new SchemaChange.DropColumn(name("t"), "id"),
                new SchemaChange.AddColumn(name("t"), other),
                new SchemaChange.SetSequenceOwner(moved)), changes);
    }

    @Test
    void aDroppedColumnTakesItsOwnedSequenceAlong() {
        List<SchemaChange> changes = SchemaDiff.between(
                model(List.of(t(column("n", "integer"), SERIAL_ID)), List.of(SERIAL_SEQ)),
                model(List.of(t(column("n", "integer"))), List.of()));
        assertEquals(List.of(new SchemaChange.DropColumn(name("t"), "id")), changes);
    }

    @Test
    void changedOptionsAlterTheSequenceInPlace() {
        Sequence current = new Sequence(name("counter"), INT, null);
        Sequence desired = new Sequence(name("counter"), new SequenceOptions("bigint", 10, 2, 1, 1000, 5, true), null);
        assertEquals(List.of(new SchemaChange.AlterSequence(current, desired)),
                SchemaDiff.between(model(List.of(), List.of(current)), model(List.of(), List.of(desired))));
    }

    @Test
    void anUnusedStandAloneSequenceIsDropped() {
        Sequence obsolete = new Sequence(name("obsolete"), INT, null);
        assertEquals(List.of(new SchemaChange.DropSequence(obsolete.name())),
                SchemaDiff.between(model(List.of(), List.of(obsolete)), model(List.of(), List.of())));
    }
}
