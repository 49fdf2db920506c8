package io.postkit.core.internal.diff;

import io.postkit.core.internal.model.Column;
import io.postkit.core.internal.model.CompositeType;
import io.postkit.core.internal.model.CommentTarget;
import io.postkit.core.internal.model.Constraint;
import io.postkit.core.internal.model.DefaultGrant;
import io.postkit.core.internal.model.Domain;
import io.postkit.core.internal.model.EnumType;
import io.postkit.core.internal.model.Grant;
import io.postkit.core.internal.model.ConstraintType;
import io.postkit.core.internal.model.Index;
import io.postkit.core.internal.model.Policy;
import io.postkit.core.internal.model.QualifiedName;
import io.postkit.core.internal.model.Sequence;
import io.postkit.core.internal.model.Owner;
import io.postkit.core.internal.model.RangeType;
import io.postkit.core.internal.model.Routine;
import io.postkit.core.internal.model.Table;
import io.postkit.core.internal.model.Trigger;
import io.postkit.core.internal.model.View;

import java.util.List;

/**
 * One step from the current schema towards the desired one. The diff produces these; the renderer turns them
 * into SQL ({@link ChangeCases} makes sure every kind has a rendering). Each knows its {@link Phase}; within a phase,
 * {@link DependencyOrder} orders them by what depends on what, else they keep the diff's (name) order.
 */
public sealed interface SchemaChange {

    Phase phase();

    record CreateSchema(String schema) implements SchemaChange {
        public Phase phase() { return Phase.CREATE_SCHEMA; }
    }

    record DropSchema(String schema) implements SchemaChange {
        public Phase phase() { return Phase.DROP_SCHEMA; }
    }

    /** Only {@code postkit:diff} compares extensions: in a project they are infrastructure ({@code infra/}). */
    record CreateExtension(String name, String schema) implements SchemaChange {
        public Phase phase() { return Phase.CREATE_EXTENSION; }
    }

    record SetExtensionSchema(String name, String schema) implements SchemaChange {
        public Phase phase() { return Phase.CREATE_EXTENSION; }
    }

    /** Last of all, when nothing that used the extension is left. */
    record DropExtension(String name) implements SchemaChange {
        public Phase phase() { return Phase.DROP_EXTENSION; }
    }

    /** Creates the sequence without OWNED BY: the owning table may not exist yet. */
    record CreateSequence(Sequence sequence) implements SchemaChange {
        public Phase phase() { return Phase.CREATE_SEQUENCE; }
    }

    record DropSequence(QualifiedName sequence) implements SchemaChange {
        public Phase phase() { return Phase.DROP_SEQUENCE; }
    }

    record AlterSequence(Sequence current, Sequence desired) implements SchemaChange {
        public Phase phase() { return Phase.ALTER_SEQUENCE; }
    }

    /**
     * {@code ALTER SEQUENCE … OWNED BY} the desired owner once it exists, or {@code OWNED BY NONE} before any table
     * or column is dropped: a sequence that outlives its owner must be released from it first.
     */
    record SetSequenceOwner(Sequence sequence) implements SchemaChange {
        public Phase phase() { return sequence.ownedBy() == null ? Phase.DISOWN_SEQUENCE : Phase.SEQUENCE_OWNER; }
    }

    /**
     * The column stops drawing from a sequence before sequences are dropped or created: {@code DROP IDENTITY} (which
     * also frees the identity sequence's name), or {@code DROP DEFAULT} when its default uses a sequence that goes.
     * The column's {@link AlterColumn}, if any, starts from the released column.
     */
    record ReleaseSequence(QualifiedName table, Column column) implements SchemaChange {
        public Phase phase() { return Phase.RELEASE_SEQUENCE; }
    }

    /** Creates the table with its columns only; constraints and indexes come as their own changes. */
    record CreateTable(Table table) implements SchemaChange {
        public Phase phase() { return Phase.CREATE_TABLE; }
    }

    /** {@code ALTER TABLE … SET LOGGED | SET UNLOGGED}. */
    record SetPersistence(QualifiedName table, boolean unlogged) implements SchemaChange {
        public Phase phase() { return Phase.TABLE_PERSISTENCE; }
    }

    /** {@code ALTER TABLE parent DETACH PARTITION table}: the table stays, on its own. */
    record DetachPartition(QualifiedName table, QualifiedName parent) implements SchemaChange {
        public Phase phase() { return Phase.DETACH_PARTITION; }
    }

    /**
     * {@code ALTER TABLE parent ATTACH PARTITION table bound}: after the table's columns match its parent's, and
     * before the parent's new constraints and indexes, which then reach the partition too.
     */
    record AttachPartition(QualifiedName table, Table.PartitionOf partitionOf) implements SchemaChange {
        public Phase phase() { return Phase.ATTACH_PARTITION; }
    }

    /** {@code ALTER TABLE … SET (…)} for new or changed storage parameters, {@code RESET (…)} for removed ones. */
    record SetStorageParameters(QualifiedName table, List<String> set, List<String> reset) implements SchemaChange {
        public SetStorageParameters {
            set = List.copyOf(set);
            reset = List.copyOf(reset);
        }

        public Phase phase() { return Phase.TABLE_PERSISTENCE; }
    }

    record DropTable(QualifiedName table) implements SchemaChange {
        public Phase phase() { return Phase.DROP_TABLE; }
    }

    record AddColumn(QualifiedName table, Column column) implements SchemaChange {
        public Phase phase() { return Phase.ADD_COLUMN; }
    }

    record DropColumn(QualifiedName table, String column) implements SchemaChange {
        public Phase phase() { return Phase.DROP_COLUMN; }
    }

    /** Any difference in one column's type, default, nullability or identity; rendered as one ALTER TABLE. */
    record AlterColumn(QualifiedName table, Column current, Column desired) implements SchemaChange {
        public Phase phase() { return Phase.ALTER_COLUMN; }
    }

    /**
     * A partition's own default or NOT NULL, after its parent's columns changed (which reach it too) and before
     * data, keys and indexes. {@code current} is the column as the parent's changes leave it.
     */
    record AlterPartitionColumn(QualifiedName table, Column current, Column desired) implements SchemaChange {
        public Phase phase() { return Phase.PARTITION_COLUMN; }
    }

    record AddConstraint(QualifiedName table, Constraint constraint) implements SchemaChange {
        public Phase phase() {
            return constraint.type() == ConstraintType.FOREIGN_KEY ? Phase.ADD_FOREIGN_KEY : Phase.ADD_CONSTRAINT;
        }
    }

    record DropConstraint(QualifiedName table, Constraint constraint) implements SchemaChange {
        public Phase phase() {
            return constraint.type() == ConstraintType.FOREIGN_KEY ? Phase.DROP_FOREIGN_KEY : Phase.DROP_CONSTRAINT;
        }
    }

    record CreateIndex(QualifiedName table, Index index) implements SchemaChange {
        public Phase phase() { return Phase.CREATE_INDEX; }
    }

    record DropIndex(QualifiedName index) implements SchemaChange {
        public Phase phase() { return Phase.DROP_INDEX; }
    }

    record CreateView(View view, boolean orReplace) implements SchemaChange {
        public Phase phase() { return Phase.CREATE_VIEW; }
    }

    record DropView(QualifiedName view, boolean materialized) implements SchemaChange {
        public Phase phase() { return Phase.DROP_VIEW; }
    }

    /** {@code CREATE OR REPLACE FUNCTION/PROCEDURE} from PostgreSQL's own definition. */
    record CreateRoutine(Routine routine) implements SchemaChange {
        public Phase phase() {
            return routine.readsRelations() ? Phase.CREATE_ROUTINE_READING_RELATIONS : Phase.CREATE_ROUTINE;
        }
    }

    record DropRoutine(Routine routine) implements SchemaChange {
        public Phase phase() {
            return routine.readsRelations() ? Phase.DROP_ROUTINE_READING_RELATIONS : Phase.DROP_ROUTINE;
        }
    }

    record CreateTrigger(Trigger trigger) implements SchemaChange {
        public Phase phase() { return Phase.CREATE_TRIGGER; }
    }

    record DropTrigger(Trigger trigger) implements SchemaChange {
        public Phase phase() { return Phase.DROP_TRIGGER; }
    }

    record CreateEnum(EnumType type) implements SchemaChange {
        public Phase phase() { return Phase.CREATE_TYPE; }
    }

    record DropEnum(QualifiedName type) implements SchemaChange {
        public Phase phase() { return Phase.DROP_TYPE; }
    }

    /** {@code ALTER TYPE … ADD VALUE label BEFORE|AFTER neighbour}. */
    record AddEnumValue(QualifiedName type, String label, boolean before, String neighbour) implements SchemaChange {
        public Phase phase() { return Phase.ALTER_TYPE; }
    }

    /**
     * Labels removed or reordered: PostgreSQL cannot, so the type is recreated and {@code columns} (with their
     * desired defaults) converted through text.
     */
    record RecreateEnum(EnumType desired, List<Column> columnsDesired, List<QualifiedName> columnTables)
            implements SchemaChange {
        public Phase phase() { return Phase.ALTER_TYPE; }
    }

    /** ENABLE/DISABLE and FORCE/NO FORCE ROW LEVEL SECURITY as the desired table has them. */
    record SetRowSecurity(QualifiedName table, boolean enabled, boolean forced) implements SchemaChange {
        public Phase phase() { return Phase.ROW_SECURITY; }
    }

    record CreatePolicy(Policy policy) implements SchemaChange {
        public Phase phase() { return Phase.CREATE_POLICY; }
    }

    record DropPolicy(Policy policy) implements SchemaChange {
        public Phase phase() { return Phase.DROP_POLICY; }
    }

    /** GRANT {@code grant}, WITH GRANT OPTION when it is grantable (adding the option to a held privilege too). */
    record GrantPrivilege(Grant grant) implements SchemaChange {
        public Phase phase() { return Phase.PRIVILEGES; }
    }

    /** REVOKE {@code grant}'s privilege, or with {@code optionOnly} just its GRANT OPTION. */
    record RevokePrivilege(Grant grant, boolean optionOnly) implements SchemaChange {
        public Phase phase() { return Phase.PRIVILEGES; }
    }

    /** ALTER DEFAULT PRIVILEGES … GRANT (or REVOKE, or REVOKE GRANT OPTION FOR with {@code optionOnly}). */
    record AlterDefaultPrivilege(DefaultGrant grant, boolean revoke, boolean optionOnly) implements SchemaChange {
        public Phase phase() { return Phase.PRIVILEGES; }
    }

    /** {@code ALTER … OWNER TO}, when ownership is managed ({@link OwnerRule}). */
    record SetOwner(Owner owner) implements SchemaChange {
        public Phase phase() { return Phase.OWNER; }
    }

    record CreateRange(RangeType type) implements SchemaChange {
        public Phase phase() { return Phase.CREATE_TYPE; }
    }

    record DropRange(RangeType type) implements SchemaChange {
        public Phase phase() { return Phase.DROP_TYPE; }
    }

    /**
     * A domain over a table's row type is created among the tables, after its table and before the tables that use
     * it; one whose checks or default call routines among the routines, after them.
     */
    record CreateDomain(Domain domain) implements SchemaChange {
        public Phase phase() {
            return domain.rowTypeOf() != null ? Phase.CREATE_TABLE
                    : domain.callsRoutines() ? Phase.CREATE_ROUTINE : Phase.CREATE_TYPE;
        }
    }

    /** Dropped where it is created, the other way round: before its table, or before the routines it calls. */
    record DropDomain(Domain domain) implements SchemaChange {
        public Phase phase() {
            return domain.rowTypeOf() != null ? Phase.DROP_TABLE
                    : domain.callsRoutines() ? Phase.DROP_ROUTINE : Phase.DROP_DOMAIN;
        }
    }

    /** Default, NOT NULL and constraints of a domain whose base type stays; after the routines its checks call. */
    record AlterDomain(Domain current, Domain desired) implements SchemaChange {
        public Phase phase() { return desired.callsRoutines() ? Phase.CREATE_ROUTINE : Phase.ALTER_TYPE; }
    }

    record CreateComposite(CompositeType type) implements SchemaChange {
        public Phase phase() { return Phase.CREATE_TYPE; }
    }

    record DropComposite(QualifiedName type) implements SchemaChange {
        public Phase phase() { return Phase.DROP_COMPOSITE_TYPE; }
    }

    /** ADD, DROP and ALTER … TYPE of attributes, for a composite type whose kept attributes keep their order. */
    record AlterComposite(CompositeType current, CompositeType desired) implements SchemaChange {
        public Phase phase() { return Phase.ALTER_TYPE; }
    }

    /** {@code COMMENT ON … IS}: {@code text} null removes the comment. */
    record SetComment(CommentTarget target, String text) implements SchemaChange {
        public Phase phase() { return Phase.COMMENT; }
    }
}
