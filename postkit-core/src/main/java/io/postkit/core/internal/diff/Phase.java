package io.postkit.core.internal.diff;

/**
 * Where a change runs in a migration. Drops run before creates, dependents before what they depend on when
 * dropping, and after it when creating. The order of the constants is the order of execution.
 */
public enum Phase {
    DROP_POLICY,
    DROP_TRIGGER,
    /** Routines whose signature or body reads a managed table or view: they must go before it. */
    DROP_ROUTINE_READING_RELATIONS,
    DROP_VIEW,
    DROP_FOREIGN_KEY,
    DROP_INDEX,
    DROP_CONSTRAINT,
    /** {@code OWNED BY NONE}: before the owning table or column is dropped, which would take the sequence along. */
    DISOWN_SEQUENCE,
    /** A partition leaves its parent before the parent is dropped, or before it is attached elsewhere. */
    DETACH_PARTITION,
    /** Partitions and inheritance children first: a parent cannot be dropped while children remain. */
    DROP_TABLE,
    DROP_COLUMN,
    /** Defaults and identities let go of sequences before those are dropped (or created under the same name). */
    RELEASE_SEQUENCE,
    DROP_SEQUENCE,
    DROP_ROUTINE,
    /** Types go dependents first: composite types may use domains and enums, domains may be over enums. */
    DROP_COMPOSITE_TYPE,
    DROP_DOMAIN,
    DROP_TYPE,
    CREATE_SCHEMA,
    /** Extension types, operators and functions may be used by anything that follows. */
    CREATE_EXTENSION,
    CREATE_TYPE,
    /** New enum labels, or an enum recreated the long way: before any table is created with the type. */
    ALTER_TYPE,
    /**
     * Routines that read no managed relation: defaults and checks may call them, so before tables. Domains whose
     * checks call routines come here too, ordered with them.
     */
    CREATE_ROUTINE,
    CREATE_SEQUENCE,
    /** Parents before their partitions and inheritance children. */
    CREATE_TABLE,
    /** Persistence and storage parameters. */
    TABLE_PERSISTENCE,
    ALTER_SEQUENCE,
    ALTER_COLUMN,
    ADD_COLUMN,
    /** After the parent's columns changed: a parent's ALTER COLUMN reaches its partitions too. */
    PARTITION_COLUMN,
    SEQUENCE_OWNER,
    ATTACH_PARTITION,
    ADD_CONSTRAINT,
    CREATE_INDEX,
    ADD_FOREIGN_KEY,
    CREATE_VIEW,
    CREATE_ROUTINE_READING_RELATIONS,
    CREATE_TRIGGER,
    ROW_SECURITY,
    CREATE_POLICY,
    /** Owners before privileges: a new owner takes over the old owner's privileges. */
    OWNER,
    PRIVILEGES,
    COMMENT,
    /** Once nothing uses them any more: a column may have been converted away from an extension's type. */
    DROP_EXTENSION,
    DROP_SCHEMA;

    private static final java.util.Set<Phase> DROPS = java.util.EnumSet.of(DROP_POLICY, DROP_TRIGGER,
            DROP_ROUTINE_READING_RELATIONS, DROP_VIEW, DROP_FOREIGN_KEY, DROP_INDEX, DROP_CONSTRAINT, DROP_TABLE,
            DROP_COLUMN, DROP_SEQUENCE, DROP_ROUTINE, DROP_COMPOSITE_TYPE, DROP_DOMAIN, DROP_TYPE, DROP_EXTENSION,
            DROP_SCHEMA);

    /** Whether its changes drop objects: they go dependents first. */
    public boolean drops() {
        return DROPS.contains(this);
    }

    /** Phases a clone runs before copying data: the rest (keys, indexes, foreign keys) is faster after it. */
    public boolean isPreData() {
        return compareTo(ADD_CONSTRAINT) < 0;
    }
}
