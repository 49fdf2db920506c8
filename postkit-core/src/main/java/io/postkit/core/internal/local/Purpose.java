package io.postkit.core.internal.local;

import java.util.Locale;

/** Why postkit made a database (or role) on a local server: written into its {@link CreationMarker}. */
public enum Purpose {
    /** The session's copy of a remote: kept until commit or abort. */
    CLONE,
    /** The desired state, built from the schema files for one plan. */
    SHADOW,
    /** A fresh clone of a deploy's target, for one dry run. */
    DRYRUN,
    /** One side of a {@code postkit:diff}. */
    DIFF,
    /** The committed migrations replayed for one {@code postkit:check}. */
    CHECK,
    /** A role that runs a user's SQL without superuser power, for one build. */
    SANDBOX,
    /**
     * A kept copy of a clone's schema ({@link SchemaTemplates}). While it is built it is an ordinary database, a
     * leftover if its maker dies; once finished it is a template database, which no goal lists as a leftover.
     */
    TEMPLATE;

    /** As written in markers and shown to users: {@code clone}, {@code shadow}, … */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Purpose ofLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }

    /** Only a clone outlives the goal that made it; everything else is a leftover once its maker is gone. */
    public boolean outlivesItsGoal() {
        return this == CLONE;
    }
}
