package io.postkit.core.internal.clone;

import io.postkit.core.internal.model.QualifiedName;
import io.postkit.core.internal.sql.Identifiers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A foreign key as the clone's data selection needs it: which columns of which table point at which key of which
 * table. Only top-level constraints: a partitioned table's foreign key covers its partitions.
 *
 * @param childPartitioned  the referencing table is partitioned (its rows are in its partitions)
 * @param parentPartitioned the referenced table is partitioned
 * @param parentKeyTypes    the referenced columns' types without modifiers, to cast keys sent as text
 * @param parentColumns     the referenced table's writable columns, to copy its rows
 */
record ForeignKeyLink(QualifiedName child, boolean childPartitioned, List<String> childColumns,
                      QualifiedName parent, boolean parentPartitioned, List<String> parentKey,
                      List<String> parentKeyTypes, List<String> parentColumns) {

    ForeignKeyLink {
        childColumns = List.copyOf(childColumns);
        parentKey = List.copyOf(parentKey);
        parentKeyTypes = List.copyOf(parentKeyTypes);
        parentColumns = List.copyOf(parentColumns);
    }

    private static final String KEY_COLUMNS = "ARRAY(SELECT a.attname::text FROM unnest(%s) WITH ORDINALITY u(n, i)"
            + " JOIN pg_attribute a ON a.attrelid = %s AND a.attnum = u.n ORDER BY u.i)";

    /** The foreign keys between tables of {@code schemas}, in a stable order. */
    static List<ForeignKeyLink> read(Connection c, Collection<String> schemas) throws SQLException {
        String sql = "SELECT cn.nspname, c.relname, c.relkind = 'p', " + String.format(KEY_COLUMNS, "k.conkey", "k.conrelid")
                + ", pn.nspname, p.relname, p.relkind = 'p', " + String.format(KEY_COLUMNS, "k.confkey", "k.confrelid")
                + ", ARRAY(SELECT format_type(a.atttypid, NULL) FROM unnest(k.confkey) WITH ORDINALITY u(n, i)"
                + "   JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.n ORDER BY u.i)"
                + ", ARRAY(SELECT a.attname::text FROM pg_attribute a WHERE a.attrelid = k.confrelid AND a.attnum > 0"
                + "   AND NOT a.attisdropped AND a.attgenerated = '' ORDER BY a.attnum)"
                + " FROM pg_constraint k"
                + " JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace cn ON cn.oid = c.relnamespace"
                + " JOIN pg_class p ON p.oid = k.confrelid JOIN pg_namespace pn ON pn.oid = p.relnamespace"
                + " WHERE k.contype = 'f' AND k.conparentid = 0 AND cn.nspname = ANY (?) AND pn.nspname = ANY (?)"
                + " ORDER BY cn.nspname, c.relname, k.conname";
        List<ForeignKeyLink> links = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", schemas.toArray()));
            ps.setArray(2, c.createArrayOf("text", schemas.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    links.add(new ForeignKeyLink(QualifiedName.of(rs.getString(1), rs.getString(2)), rs.getBoolean(3),
                            strings(rs, 4), QualifiedName.of(rs.getString(5), rs.getString(6)), rs.getBoolean(7),
                            strings(rs, 8), strings(rs, 9), strings(rs, 10)));
                }
            }
        }
        return links;
    }

    private static List<String> strings(ResultSet rs, int column) throws SQLException {
        return List.of((String[]) rs.getArray(column).getArray());
    }

    /**
     * On the clone: the distinct keys its rows of {@code child} reference that {@code parent} lacks, each column as
     * text. Rows with a null in the key reference nothing (MATCH SIMPLE), so they need no parent.
     */
    String missingKeysQuery() {
        String select = IntStream.range(0, childColumns.size())
                .mapToObj(i -> "c." + Identifiers.quote(childColumns.get(i)) + "::text").collect(Collectors.joining(", "));
        String notNull = childColumns.stream().map(col -> "c." + Identifiers.quote(col) + " IS NOT NULL")
                .collect(Collectors.joining(" AND "));
        String match = IntStream.range(0, childColumns.size())
                .mapToObj(i -> "p." + Identifiers.quote(parentKey.get(i)) + " = c." + Identifiers.quote(childColumns.get(i)))
                .collect(Collectors.joining(" AND "));
        return "SELECT DISTINCT " + select + " FROM " + from(child, childPartitioned) + " c WHERE " + notNull
                + " AND NOT EXISTS (SELECT 1 FROM " + from(parent, parentPartitioned) + " p WHERE " + match + ")";
    }

    /** On the source: the rows of {@code parent} with these keys ({@code keys.get(column).get(row)}), as binary COPY. */
    String copyParentsOut(List<List<String>> keys) {
        String columns = parentColumns.stream().map(Identifiers::quote).collect(Collectors.joining(", "));
        String tuple = parentKey.stream().map(k -> "p." + Identifiers.quote(k)).collect(Collectors.joining(", "));
        StringBuilder arrays = new StringBuilder();
        StringBuilder casts = new StringBuilder();
        for (int i = 0; i < parentKey.size(); i++) {
            arrays.append(i == 0 ? "" : ", ").append("ARRAY[")
                    .append(keys.get(i).stream().map(Identifiers::literal).collect(Collectors.joining(",")))
                    .append("]::text[]");
            casts.append(i == 0 ? "" : ", ").append("k.k").append(i).append("::").append(parentKeyTypes.get(i));
        }
        String names = IntStream.range(0, parentKey.size()).mapToObj(i -> "k" + i).collect(Collectors.joining(", "));
        return "COPY (SELECT " + columns + " FROM " + from(parent, parentPartitioned) + " p WHERE (" + tuple
                + ") IN (SELECT " + casts + " FROM unnest(" + arrays + ") AS k(" + names + "))) TO STDOUT (FORMAT binary)";
    }

    /** On the clone: the COPY that takes the parents' rows. */
    String copyParentsIn() {
        return "COPY " + Identifiers.quote(parent) + " ("
                + parentColumns.stream().map(Identifiers::quote).collect(Collectors.joining(", "))
                + ") FROM STDIN (FORMAT binary)";
    }

    /**
     * A partitioned table's rows are in its partitions, so it is read whole; a foreign key on any other table
     * concerns that table's own rows only (not those of inheritance children).
     */
    private static String from(QualifiedName table, boolean partitioned) {
        return (partitioned ? "" : "ONLY ") + Identifiers.quote(table);
    }
}
