package io.postkit.core.internal.diff;

import io.postkit.core.api.PostkitException;
import io.postkit.core.internal.model.Column;
import io.postkit.core.internal.model.Generated;
import io.postkit.core.internal.model.Table;
import io.postkit.core.internal.model.Identity;

import java.util.Objects;

/** What differs between two versions of one column; the renderer turns each difference into a sub-command. */
public final class ColumnDiff {

    private ColumnDiff() {
    }

    public static boolean differs(Column current, Column desired) {
        return typeChanged(current, desired) || collationChanged(current, desired)
                || current.generated() != desired.generated()
                || defaultChanged(current, desired) || current.notNull() != desired.notNull()
                || identityChanged(current, desired) || identityOptionsChanged(current, desired);
    }

    /**
     * A new generation expression, or a plain column made generated, needs the column dropped and added again, which
     * also drops what is built on it: not something to do behind the user's back.
     */
    static void refuseInexpressible(Table table, Column current, Column desired) {
        boolean becomesGenerated = desired.generated() != Generated.NONE
                && (current.generated() != desired.generated()
                || !Objects.equals(current.defaultExpression(), desired.defaultExpression()));
        if (becomesGenerated) {
            throw new PostkitException("Column " + table.name() + "." + desired.name() + ": postkit cannot change a"
                    + " generation expression (or make a column generated) in place yet. Write the change as a manual"
                    + " migration.");
        }
    }

    public static boolean typeChanged(Column current, Column desired) {
        return !current.type().equals(desired.type());
    }

    public static boolean collationChanged(Column current, Column desired) {
        return !Objects.equals(current.collation(), desired.collation());
    }

    public static boolean defaultChanged(Column current, Column desired) {
        return !Objects.equals(current.defaultExpression(), desired.defaultExpression());
    }

    public static boolean identityChanged(Column current, Column desired) {
        return current.identity() != desired.identity();
    }

    /** Only meaningful when both are identity columns: then the sequence's parameters are compared. */
    public static boolean identityOptionsChanged(Column current, Column desired) {
        return current.identity() != Identity.NONE && desired.identity() != Identity.NONE
                && !Objects.equals(current.identityOptions(), desired.identityOptions());
    }
}
