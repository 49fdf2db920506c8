package io.postkit.core.internal.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** One case of the shared corpus: {@code <category>/<case>/} with old.sql, new.sql and maybe setup.sql. */
record ConformanceCase(String name, Path dir) {

    static List<ConformanceCase> all(Path corpus) throws IOException {
        List<ConformanceCase> cases = new ArrayList<>();
        try (Stream<Path> files = Files.walk(corpus, 2)) {
            for (Path dir : files.filter(d -> Files.exists(d.resolve("old.sql"))).sorted().toList()) {
                cases.add(new ConformanceCase(corpus.relativize(dir).toString().replace('\\', '/'), dir));
            }
        }
        return cases;
    }

    String oldSql() throws IOException {
        return Files.readString(dir.resolve("old.sql"));
    }

    String newSql() throws IOException {
        return Files.readString(dir.resolve("new.sql"));
    }

    Optional<String> setupSql() throws IOException {
        Path setup = dir.resolve("setup.sql");
        return Files.exists(setup) ? Optional.of(Files.readString(setup)) : Optional.empty();
    }
}
