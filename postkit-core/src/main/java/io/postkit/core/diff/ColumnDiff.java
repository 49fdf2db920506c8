package io.postkit.core.diff;

import io.postkit.core.model.Column;
import io.postkit.core.model.Identity;

import java.util.Objects;

/** What differs between two versions of one column; the renderer turns each difference into a sub-command. */
public final class ColumnDiff {

    private ColumnDiff() {
    }

    public static boolean differs(Column current, Column desired) {
        return typeChanged(current, desired) || collationChanged(current, desired)
                || defaultChanged(current, desired) || current.notNull() != desired.notNull()
                || identityChanged(current, desired) || identityOptionsChanged(current, desired);
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
