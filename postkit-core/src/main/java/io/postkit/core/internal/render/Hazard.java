package io.postkit.core.internal.render;

/** What a statement may do to a production database beyond changing its schema. */
public enum Hazard {
    /** Drops data: a table, a column, or a type change that may truncate. */
    DATA_LOSS,
    /** Rewrites the whole table under an ACCESS EXCLUSIVE lock. */
    TABLE_REWRITE,
    /** Holds ACCESS EXCLUSIVE (or SHARE, blocking writes) on a table for a time that grows with its size. */
    LONG_LOCK,
    /** Scans the table to validate a constraint while holding a lock. */
    VALIDATION_SCAN,
    /** Cannot run inside a transaction block. */
    NON_TRANSACTIONAL
}
