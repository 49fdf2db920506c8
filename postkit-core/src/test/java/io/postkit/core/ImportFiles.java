package io.postkit.core;

import io.postkit.core.internal.plan.SchemaFingerprint;
import io.postkit.core.internal.schemafiles.FileRole;
import io.postkit.core.internal.schemafiles.SchemaDirectory;
import io.postkit.core.internal.schemafiles.SchemaFile;
import io.postkit.core.internal.schemafiles.StatementPolicy;
import io.postkit.core.internal.sql.SqlScript;
import io.postkit.core.testing.TestProject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the import tests check in a schema directory that import wrote. */
final class ImportFiles {

    private ImportFiles() {
    }

    /** Every file under {@code dir}, relative, with forward slashes, sorted. */
    static List<String> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).map(f -> dir.relativize(f).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }

    static String read(TestProject project, String relativePath) throws IOException {
        return Files.readString(project.schemaDir().resolve(relativePath));
    }

    /** All of grants/, file after file. */
    static String grants(TestProject project) throws IOException {
        StringBuilder all = new StringBuilder();
        for (String file : list(project.schemaDir().resolve("grants"))) {
            all.append(read(project, "grants/" + file));
        }
        return all.toString();
    }

    /** Every statement of a desired-state file is one a schema file may hold; only infra/ and grants/ hold others. */
    static void assertDeclarative(TestProject project) {
        List<SchemaFile> files = SchemaDirectory.read(project.dir(), project.schemaDir()).files(FileRole.DESIRED);
        assertFalse(files.isEmpty(), "desired-state files were written");
        for (SchemaFile file : files) {
            SqlScript.split(file.content(), file.path()).forEach(StatementPolicy::check);
            assertFalse(file.content().contains("GRANT "), file.path() + " holds a privilege: " + file.content());
        }
    }

    /** {@code text} holds each of {@code parts}, in this order. */
    static void assertInOrder(String text, String... parts) {
        int from = 0;
        for (String part : parts) {
            int at = text.indexOf(part, from);
            assertTrue(at >= 0, () -> "expected, after position of the previous part: " + part + "\nin:\n" + text);
            from = at + part.length();
        }
    }

    static String sha256(String text) {
        return SchemaFingerprint.sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The whole tree as one text: path, then content, per file, for comparing two imports byte for byte. */
    static String tree(Path dir) throws IOException {
        StringBuilder all = new StringBuilder();
        for (String file : list(dir)) {
            all.append("==== ").append(file).append('\n').append(Files.readString(dir.resolve(file)));
        }
        return all.toString();
    }

    static String joined(List<String> lines) {
        return lines.stream().collect(Collectors.joining("\n"));
    }
}
