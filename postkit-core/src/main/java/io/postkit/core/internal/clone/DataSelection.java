package io.postkit.core.internal.clone;

import io.postkit.core.api.CloneOptions;
import io.postkit.core.internal.model.QualifiedName;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Decides, from the clone options, which rows of each table are copied: all, none (schema only, or a table
 * {@code excludeData} matches), or a sample.
 */
final class DataSelection {

    private final CloneOptions options;
    private final List<TablePattern> excluded;

    DataSelection(CloneOptions options) {
        this.options = options;
        this.excluded = options.excludeData().stream().map(TablePattern::new).toList();
    }

    RowSelection of(QualifiedName table) {
        if (options.schemaOnly() || excluded.stream().anyMatch(p -> p.matches(table))) {
            return RowSelection.NONE;
        }
        return options.sample() == null ? RowSelection.ALL : RowSelection.of(options.sample());
    }

    /** The {@code excludeData} patterns that match none of {@code tables}: most likely a typing error. */
    List<String> unmatchedPatterns(Collection<QualifiedName> tables) {
        List<String> unmatched = new ArrayList<>();
        for (TablePattern pattern : excluded) {
            if (tables.stream().noneMatch(pattern::matches)) {
                unmatched.add(pattern.text);
            }
        }
        return unmatched;
    }

    /**
     * {@code schema.table} or {@code table} with {@code *} and {@code ?} wildcards. A pattern with a dot is matched
     * against {@code schema.table}; one without, against the table name in any schema. Case-sensitive, unquoted
     * names, as {@code pg_class} holds them.
     */
    static final class TablePattern {

        private final String text;
        private final Pattern regex;
        private final boolean qualified;

        TablePattern(String text) {
            this.text = text;
            this.qualified = text.contains(".");
            StringBuilder regex = new StringBuilder();
            StringBuilder literal = new StringBuilder();
            for (char ch : text.toCharArray()) {
                if (ch == '*' || ch == '?') {
                    regex.append(Pattern.quote(literal.toString())).append(ch == '*' ? ".*" : ".");
                    literal.setLength(0);
                } else {
                    literal.append(ch);
                }
            }
            this.regex = Pattern.compile(regex.append(Pattern.quote(literal.toString())).toString(), Pattern.DOTALL);
        }

        boolean matches(QualifiedName table) {
            return regex.matcher(qualified ? table.schema() + "." + table.name() : table.name()).matches();
        }
    }
}
