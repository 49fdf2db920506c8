package io.postkit.core.internal.importing;

import io.postkit.core.api.PostkitException;
import io.postkit.core.internal.state.StateFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Puts import's files in the schema directory's place without a moment where the user's folder is half written: the
 * files are written to a folder beside it first, then the two are swapped by renames. The old contents (with
 * {@code -Dpostkit.force}) are set aside until {@link #finish()}, so {@link #revert()} can put them back; seeds, which
 * import does not write, are kept.
 */
public final class SchemaDirectoryReplacement implements AutoCloseable {

    /** Folders of data import cannot regenerate: they stay when a schema directory is replaced. */
    public static final List<String> KEPT = List.of("seeds", "seed");

    private static final String PLACEHOLDER = ".gitkeep";
    /** {@code .schema.import-…}: the new files, before they take the schema directory's place. */
    private static final String STAGED = ".import-";
    /** {@code .schema.replaced-…}: the old contents, until the import is complete. */
    private static final String SET_ASIDE = ".replaced-";

    private final Path schemaDir;
    private final Path staged;
    private final Path setAside;
    private boolean installed;

    private SchemaDirectoryReplacement(Path schemaDir, Path staged, Path setAside) {
        this.schemaDir = schemaDir;
        this.staged = staged;
        this.setAside = setAside;
    }

    /** The files already in {@code schemaDir} (an empty folder or one with only {@code .gitkeep} has none). */
    public static List<Path> existingFiles(Path schemaDir) {
        if (!Files.isDirectory(schemaDir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(schemaDir)) {
            return walk.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().equals(PLACEHOLDER))
                    .map(schemaDir::relativize).sorted().toList();
        } catch (IOException e) {
            throw new PostkitException("Cannot read the schema directory " + schemaDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * What an import that did not finish (killed between staging and committing) left beside {@code schemaDir}: its
     * staged files are removed; the old contents it set aside are returned, for the user to look through and delete.
     */
    public static List<Path> clearLeftovers(Path schemaDir) {
        Path dir = schemaDir.toAbsolutePath().normalize();
        String name = dir.getFileName().toString();
        if (!Files.isDirectory(dir.getParent())) {
            return List.of();
        }
        try (Stream<Path> siblings = Files.list(dir.getParent())) {
            List<Path> leftovers = siblings.filter(p -> p.getFileName().toString().startsWith("." + name + "."))
                    .sorted().toList();
            leftovers.stream().filter(p -> p.getFileName().toString().startsWith("." + name + STAGED))
                    .forEach(StateFiles::deleteTree);
            return leftovers.stream().filter(p -> p.getFileName().toString().startsWith("." + name + SET_ASIDE))
                    .toList();
        } catch (IOException e) {
            throw new PostkitException("Cannot read " + dir.getParent() + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code files} (relative path → content) beside {@code schemaDir}; nothing in it changes yet. */
    public static SchemaDirectoryReplacement stage(Path schemaDir, Map<String, String> files) {
        String token = UUID.randomUUID().toString().substring(0, 8);
        Path dir = schemaDir.toAbsolutePath().normalize();
        String name = dir.getFileName().toString();
        SchemaDirectoryReplacement replacement = new SchemaDirectoryReplacement(dir,
                dir.resolveSibling("." + name + STAGED + token), dir.resolveSibling("." + name + SET_ASIDE + token));
        try {
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path target = replacement.staged.resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            replacement.close();
            throw new PostkitException("Cannot write the imported schema files next to " + dir + ": "
                    + e.getMessage(), e);
        }
        return replacement;
    }

    /** The staged files take the schema directory's place; its old contents are set aside, its seeds kept. */
    public void install() throws IOException {
        Files.createDirectories(schemaDir.getParent());
        if (Files.exists(schemaDir)) {
            Files.move(schemaDir, setAside, StandardCopyOption.ATOMIC_MOVE);
            for (String kept : KEPT) {
                if (Files.isDirectory(setAside.resolve(kept))) {
                    Files.move(setAside.resolve(kept), staged.resolve(kept), StandardCopyOption.ATOMIC_MOVE);
                }
            }
        }
        Files.move(staged, schemaDir, StandardCopyOption.ATOMIC_MOVE);
        installed = true;
    }

    /** Puts the old schema directory back, seeds included; the imported files go. */
    public void revert() throws IOException {
        if (!installed) {
            return;
        }
        Files.move(schemaDir, staged, StandardCopyOption.ATOMIC_MOVE);
        if (Files.exists(setAside)) {
            for (String kept : KEPT) {
                if (Files.isDirectory(staged.resolve(kept))) {
                    Files.move(staged.resolve(kept), setAside.resolve(kept), StandardCopyOption.ATOMIC_MOVE);
                }
            }
            Files.move(setAside, schemaDir, StandardCopyOption.ATOMIC_MOVE);
        }
        installed = false;
    }

    /** The import is complete: the old contents are deleted. */
    public void finish() {
        StateFiles.deleteTree(setAside);
    }

    /**
     * Removes the staged files that did not take the schema directory's place (never installed, or reverted). The
     * old contents are only ever deleted by {@link #finish()}.
     */
    @Override
    public void close() {
        StateFiles.deleteTree(staged);
    }
}
