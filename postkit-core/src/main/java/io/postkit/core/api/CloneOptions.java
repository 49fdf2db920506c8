package io.postkit.core.api;

import java.util.List;
import java.util.Objects;

/**
 * How much of a remote's data a clone copies: everything by default; for databases too large to copy whole, no rows
 * ({@code schemaOnly}), no rows of some tables ({@code excludeData}), or a sample of every table ({@code sample}).
 * Whatever is left out, the clone keeps every foreign key satisfied: the rows that copied rows reference are copied
 * too.
 *
 * @param schemaOnly  no rows at all: tables, keys, indexes, sequence positions only
 * @param excludeData table patterns whose rows are not copied: {@code audit.*} (a schema's tables),
 *                    {@code *_log} (tables of any schema); {@code *} is any run of characters, {@code ?} one
 * @param sample      null: every row of every table not excluded; else how many of each table's rows to copy
 */
public record CloneOptions(boolean schemaOnly, List<String> excludeData, Sample sample) {

    /** Every row of every table. */
    public static final CloneOptions FULL = new CloneOptions(false, List.of(), null);

    public CloneOptions {
        excludeData = List.copyOf(excludeData);
        for (String pattern : excludeData) {
            if (pattern.isBlank()) {
                throw new PostkitException("<clone><excludeData> has an empty pattern; give table patterns such as"
                        + " audit.* or *_log.");
            }
        }
    }

    /**
     * Options as a user writes them; null or blank values mean "not set".
     *
     * @param excludeData comma-separated patterns (a user property), or null
     * @param sample      {@code 10%} or {@code 1000}, or null
     */
    public static CloneOptions of(boolean schemaOnly, List<String> excludeData, String sample) {
        List<String> patterns = excludeData == null ? List.of()
                : excludeData.stream().filter(Objects::nonNull).map(String::strip).filter(p -> !p.isEmpty()).toList();
        return new CloneOptions(schemaOnly, patterns, sample == null || sample.isBlank() ? null : Sample.parse(sample));
    }

    /** Splits a comma-separated list (the form a user property takes). */
    public static List<String> patterns(String commaSeparated) {
        return commaSeparated == null ? List.of() : List.of(commaSeparated.split(","));
    }

    /** Whether every row of every table is copied. */
    public boolean copiesEverything() {
        return !schemaOnly && excludeData.isEmpty() && sample == null;
    }

    /** For the log: {@code every row}, {@code schema only}, or the sample and the exclusions. */
    public String describe() {
        if (schemaOnly) {
            return "schema only";
        }
        if (copiesEverything()) {
            return "every row";
        }
        List<String> parts = new java.util.ArrayList<>();
        if (sample != null) {
            parts.add("a sample of " + sample);
        }
        if (!excludeData.isEmpty()) {
            parts.add("no rows of " + String.join(", ", excludeData));
        }
        return String.join("; ", parts) + "; rows that copied rows reference are copied too";
    }

    /**
     * A sample of each table: {@code percent} of its rows (chosen at random, the same ones for the same data), or
     * its first {@code rows} rows. Exactly one of them is set.
     */
    public record Sample(double percent, long rows) {

        public Sample {
            if (percent != 0 && rows != 0 || percent < 0 || percent > 100 || rows < 0 || percent == 0 && rows == 0) {
                throw new IllegalArgumentException("a sample is a percentage in (0, 100] or a row count above 0");
            }
        }

        public static Sample percent(double percent) {
            return new Sample(percent, 0);
        }

        public static Sample rows(long rows) {
            return new Sample(0, rows);
        }

        public boolean isPercent() {
            return percent > 0;
        }

        /** {@code 10%} (a percentage, above 0 and at most 100) or {@code 1000} (rows per table). */
        public static Sample parse(String text) {
            String value = text.strip();
            try {
                if (value.endsWith("%")) {
                    double percent = Double.parseDouble(value.substring(0, value.length() - 1).strip());
                    if (percent > 0 && percent <= 100) {
                        return percent(percent);
                    }
                } else if (value.matches("[0-9]+")) {
                    long rows = Long.parseLong(value);
                    if (rows > 0) {
                        return rows(rows);
                    }
                }
            } catch (NumberFormatException e) {
                // reported below, with the value
            }
            throw new PostkitException("<clone><sample> (postkit.clone.sample) is '" + text + "'; give a percentage"
                    + " above 0 and at most 100 such as 10% or 0.5%, or a number of rows per table such as 1000."
                    + " For no rows at all use schemaOnly.");
        }

        @Override
        public String toString() {
            return isPercent() ? (percent == Math.rint(percent) ? Long.toString((long) percent) : Double.toString(percent))
                    + "%" : rows + " rows per table";
        }
    }
}
