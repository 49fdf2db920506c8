package io.postkit.core.internal.schemafiles;

import io.postkit.core.api.PostkitException;
import io.postkit.core.internal.plan.SchemaFingerprint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The schema directory ({@code db/schema} by default), read in a deterministic order: conventional folders first in
 * the order objects usually depend on each other, then everything else by path.
 */
public final class SchemaDirectory {

    private static final List<String> CONVENTIONAL_ORDER = List.of("types", "enums", "domains", "sequences",
            "tables", "views", "materialized_views", "functions", "procedures", "triggers", "indexes", "constraints",
            "policies");

    private final List<SchemaFile> files;

    private SchemaDirectory(List<SchemaFile> files) {
        this.files = List.copyOf(files);
    }

    /** Reads every {@code .sql} file under {@code dir}; paths in messages are relative to {@code projectDir}. */
    public static SchemaDirectory read(Path projectDir, Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new PostkitException("The schema directory " + display(projectDir, dir) + " does not exist. Create"
                    + " it and put the desired schema there as CREATE statements in .sql files, or set <schemaDir>.");
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> sqlFiles = walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".sql"))
                    .sorted(Comparator.comparing((Path p) -> folderRank(dir.relativize(p)))
                            .thenComparing(p -> dir.relativize(p).toString().replace('\\', '/')))
                    .toList();
            return new SchemaDirectory(sqlFiles.stream().map(p -> load(projectDir, dir, p)).toList());
        } catch (IOException e) {
            throw new PostkitException("Cannot read the schema directory " + display(projectDir, dir) + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * The schema directory, or an empty one when it does not exist: a deploy of committed migrations needs no
     * schema files, only their infra/, grants/ and seeds/ when there are any.
     */
    public static SchemaDirectory readIfPresent(Path projectDir, Path dir) {
        return Files.isDirectory(dir) ? read(projectDir, dir) : new SchemaDirectory(List.of());
    }

    /** One SQL file holding the desired state (for {@code postkit:diff}). */
    public static SchemaDirectory ofFile(Path file) {
        try {
            return new SchemaDirectory(List.of(new SchemaFile(file.toString(), FileRole.DESIRED,
                    Files.readString(file, StandardCharsets.UTF_8))));
        } catch (IOException e) {
            throw new PostkitException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public List<SchemaFile> files(FileRole role) {
        return files.stream().filter(f -> f.role() == role).toList();
    }

    /**
     * A SHA-256 over the paths and contents of the files that make the desired state (infra and grants included,
     * since they shape the shadow; seeds do not): a plan is out of date when this changes.
     */
    public String fingerprint() {
        StringBuilder all = new StringBuilder();
        for (SchemaFile f : files) {
            if (f.role() != FileRole.SEEDS) {
                all.append(f.path()).append('\0').append(f.content()).append('\0');
            }
        }
        return SchemaFingerprint.sha256(all.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static SchemaFile load(Path projectDir, Path dir, Path file) {
        Path relative = dir.relativize(file);
        String top = relative.getNameCount() > 1 ? relative.getName(0).toString() : "";
        try {
            return new SchemaFile(display(projectDir, file), FileRole.of(top),
                    Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new PostkitException("Cannot read " + display(projectDir, file) + ": " + e.getMessage(), e);
        }
    }

    private static int folderRank(Path relative) {
        if (relative.getNameCount() < 2) {
            return CONVENTIONAL_ORDER.size();
        }
        int rank = CONVENTIONAL_ORDER.indexOf(relative.getName(0).toString());
        return rank < 0 ? CONVENTIONAL_ORDER.size() : rank;
    }

    static String display(Path projectDir, Path file) {
        Path abs = file.toAbsolutePath().normalize();
        Path base = projectDir.toAbsolutePath().normalize();
        return (abs.startsWith(base) ? base.relativize(abs) : abs).toString().replace('\\', '/');
    }
}
