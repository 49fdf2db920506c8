package io.postkit.core.internal.clone;

import io.postkit.core.api.CloneOptions;

import java.math.BigDecimal;

/** Which rows of one table a clone copies from the source. */
sealed interface RowSelection {

    /** Every row. */
    RowSelection ALL = new All();

    /** No row, except those that copied rows reference (see {@link ForeignKeyClosure}). */
    RowSelection NONE = new None();

    static RowSelection of(CloneOptions.Sample sample) {
        return sample.isPercent() ? new Percent(sample.percent()) : new FirstRows(sample.rows());
    }

    /** What follows {@code FROM ONLY table} in the source query: a sampling clause, or nothing. */
    String tableSuffix();

    /** What follows the WHERE clause, if any: a limit, or nothing. */
    String querySuffix();

    /** Whether a big table may be read in ranges of blocks by several workers (only when every row is copied). */
    default boolean splittable() {
        return false;
    }

    record All() implements RowSelection {
        public String tableSuffix() { return ""; }
        public String querySuffix() { return ""; }
        public boolean splittable() { return true; }
    }

    record None() implements RowSelection {
        public String tableSuffix() { return ""; }
        public String querySuffix() { return " LIMIT 0"; }
    }

    /**
     * A Bernoulli sample with a fixed seed: within one snapshot of the same data, the same rows every time, so a
     * clone can be made again and compared.
     */
    record Percent(double percent) implements RowSelection {
        public String tableSuffix() {
            return " TABLESAMPLE BERNOULLI (" + BigDecimal.valueOf(percent).toPlainString() + ") REPEATABLE (0)";
        }
        public String querySuffix() { return ""; }
    }

    /** The first rows in the table's physical order. */
    record FirstRows(long rows) implements RowSelection {
        public String tableSuffix() { return ""; }
        public String querySuffix() { return " LIMIT " + rows; }
    }
}
