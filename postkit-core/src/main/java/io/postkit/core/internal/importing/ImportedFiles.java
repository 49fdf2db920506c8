package io.postkit.core.internal.importing;

import io.postkit.core.internal.diff.SchemaChange;
import io.postkit.core.internal.plan.PlanText;
import io.postkit.core.internal.render.PlannedStatement;
import io.postkit.core.internal.render.SqlRenderer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The files {@code import} writes into the schema directory, by path relative to it (forward slashes), sorted. Each
 * file is numbered within its folder in dependency order: the order in which a plan from empty creates the objects
 * (infra and grants in a fixed order of their own).
 */
final class ImportedFiles {

    private static final int MIN_PREFIX_DIGITS = 4;
    private static final int MAX_NAME_LENGTH = 100;

    private ImportedFiles() {
    }

    /**
     * @param build  the plan from empty to the imported model, in execution order
     * @param extras statements of files the plan does not give (the roles and extensions of {@code infra/})
     */
    static SortedMap<String, String> of(List<SchemaChange> build, ImportLayout layout,
                                        Map<ObjectFile, List<PlannedStatement>> extras) {
        Map<ObjectFile, List<PlannedStatement>> statements = new LinkedHashMap<>();
        Map<ObjectFile, Integer> rank = new LinkedHashMap<>();
        Map<ObjectFile, Integer> firstSeen = new LinkedHashMap<>();
        for (int i = 0; i < build.size(); i++) {
            SchemaChange change = build.get(i);
            ObjectFile file = layout.fileOf(change);
            statements.computeIfAbsent(file, f -> new ArrayList<>()).add(sql(change));
            firstSeen.putIfAbsent(file, i);
            if (layout.defines(change)) {
                rank.putIfAbsent(file, i);
            }
        }
        extras.forEach((file, sql) -> {
            if (!sql.isEmpty()) {
                statements.computeIfAbsent(file, f -> new ArrayList<>()).addAll(sql);
            }
        });
        Comparator<ObjectFile> order = Comparator.comparingInt((ObjectFile f) -> fixedRank(f)
                        .orElse(rank.getOrDefault(f, firstSeen.getOrDefault(f, 0))))
                .thenComparing(ObjectFile::object);
        Map<String, List<ObjectFile>> byFolder = new TreeMap<>();
        statements.keySet().forEach(f -> byFolder.computeIfAbsent(f.folder(), k -> new ArrayList<>()).add(f));
        SortedMap<String, String> files = new TreeMap<>();
        byFolder.forEach((folder, folderFiles) -> {
            folderFiles.sort(order);
            int digits = Math.max(MIN_PREFIX_DIGITS, String.valueOf(folderFiles.size()).length());
            for (int n = 0; n < folderFiles.size(); n++) {
                ObjectFile file = folderFiles.get(n);
                int number = ImportLayout.fixedNumber(file).orElse(n + 1);
                files.put(folder + "/" + fileName(number, digits, file.object()), PlanText.sql(statements.get(file)));
            }
        });
        return files;
    }

    /** A new schema's statement is idempotent in infra, which runs before every migration. */
    private static PlannedStatement sql(SchemaChange change) {
        if (change instanceof SchemaChange.CreateSchema c) {
            return InfraSql.schema(c.schema());
        }
        return SqlRenderer.render(change);
    }

    private static Optional<Integer> fixedRank(ObjectFile file) {
        int index = ImportLayout.FIXED_ORDER.indexOf(file);
        return index < 0 ? Optional.empty() : Optional.of(index);
    }

    /**
     * {@code 0007_orders.sql}: the number keeps names unique whatever the object's name becomes once characters a
     * file system may not take are replaced.
     */
    static String fileName(int number, int digits, String object) {
        String safe = object.replaceAll("[^A-Za-z0-9_.-]", "_");
        if (safe.length() > MAX_NAME_LENGTH) {
            safe = safe.substring(0, MAX_NAME_LENGTH);
        }
        return String.format(java.util.Locale.ROOT, "%0" + digits + "d_%s.sql", number, safe);
    }
}
