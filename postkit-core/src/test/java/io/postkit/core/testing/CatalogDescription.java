package io.postkit.core.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * What {@link CatalogOracle} saw in a database: one sorted line per object or property, with no OIDs and no
 * database name in them, so two databases with the same schema give equal descriptions.
 */
public record CatalogDescription(List<String> lines) {

    /** The prefix of the line that lists a table's columns in {@code attnum} order. */
    public static final String TABLE_COLUMN_ORDER = "column order of table ";
    public static final String PARTITIONED_TABLE_COLUMN_ORDER = "column order of partitioned table ";

    public CatalogDescription {
        lines = List.copyOf(new TreeSet<>(lines));
    }

    /**
     * Without the column order of tables (views and composite types keep theirs): for comparisons where the
     * engine documents that {@code ADD COLUMN} appends (docs/design.md, "Conformance"), so a kept column's position
     * may legitimately differ.
     */
    public CatalogDescription withoutTableColumnOrder() {
        return new CatalogDescription(lines.stream().filter(l -> !l.startsWith(TABLE_COLUMN_ORDER)
                && !l.startsWith(PARTITIONED_TABLE_COLUMN_ORDER)).toList());
    }

    /**
     * How this (the actual database) differs from {@code expected}: {@code "- line"} for what only the expected
     * database has, {@code "+ line"} for what only this one has; sorted by line, empty when they are the same.
     */
    public List<String> differencesFrom(CatalogDescription expected) {
        TreeSet<String> missing = new TreeSet<>(expected.lines);
        missing.removeAll(lines);
        TreeSet<String> extra = new TreeSet<>(lines);
        extra.removeAll(expected.lines);
        List<String> differences = new ArrayList<>();
        missing.forEach(l -> differences.add("- " + l));
        extra.forEach(l -> differences.add("+ " + l));
        differences.sort((x, y) -> {
            int byLine = x.substring(2).compareTo(y.substring(2));
            return byLine != 0 ? byLine : x.compareTo(y);
        });
        return differences;
    }
}
