package io.postkit.core.internal.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PgPassFileTest {

    @TempDir
    Path home;

    private static Optional<String> lookup(String content, String host, int port, String db, String user) {
        return PgPassFile.parse(content).password(host, port, db, user);
    }

    @Test
    void matchesAllFourFieldsExactly() {
        String file = "db:5432:shop:app:secret\n";
        assertEquals(Optional.of("secret"), lookup(file, "db", 5432, "shop", "app"));
        assertEquals(Optional.empty(), lookup(file, "db2", 5432, "shop", "app"));
        assertEquals(Optional.empty(), lookup(file, "db", 5433, "shop", "app"));
        assertEquals(Optional.empty(), lookup(file, "db", 5432, "shop2", "app"));
        assertEquals(Optional.empty(), lookup(file, "db", 5432, "shop", "App"));
    }

    @Test
    void aStarFieldMatchesAnything() {
        assertEquals(Optional.of("w"), lookup("*:*:*:app:w", "anywhere", 1, "any", "app"));
        assertEquals(Optional.empty(), lookup("*:*:*:app:w", "anywhere", 1, "any", "other"));
    }

    @Test
    void anEscapedStarIsALiteralStar() {
        assertEquals(Optional.empty(), lookup("\\*:*:*:*:w", "db", 5432, "shop", "app"));
        assertEquals(Optional.of("w"), lookup("\\*:*:*:*:w", "*", 5432, "shop", "app"));
    }

    @Test
    void theFirstMatchingLineWins() {
        String file = "db:5432:shop:app:first\n*:*:*:*:fallback\ndb:5432:shop:app:second\n";
        assertEquals(Optional.of("first"), lookup(file, "db", 5432, "shop", "app"));
        assertEquals(Optional.of("fallback"), lookup(file, "other", 5432, "shop", "app"));
    }

    @Test
    void escapesColonsAndBackslashesInAnyField() {
        String file = "fe80\\:\\:1:5432:we\\\\ird:app:pa\\:ss\\\\word\n";
        assertEquals(Optional.of("pa:ss\\word"), lookup(file, "fe80::1", 5432, "we\\ird", "app"));
    }

    @Test
    void thePasswordIsTheRestOfTheLine() {
        assertEquals(Optional.of("a:b:c"), lookup("db:5432:shop:app:a:b:c", "db", 5432, "shop", "app"));
        assertEquals(Optional.of(""), lookup("db:5432:shop:app:", "db", 5432, "shop", "app"));
    }

    @Test
    void skipsCommentsBlankAndShortLines() {
        String file = "# db:5432:shop:app:commented\n\n  \ndb:5432:shop:app\ndb:5432:shop:app:real\r\n";
        assertEquals(Optional.of("real"), lookup(file, "db", 5432, "shop", "app"));
    }

    @Test
    void readsPgpassfileBeforeTheHomeFile() throws IOException {
        Files.writeString(home.resolve(".pgpass"), "*:*:*:*:home\n");
        Path custom = home.resolve("custom");
        Files.writeString(custom, "*:*:*:*:custom\n");
        assertEquals(Optional.of("custom"), PgPassFile.locate(Map.of("PGPASSFILE", custom.toString()), home)
                .password("h", 1, "d", "u"));
        assertEquals(Optional.of("home"), PgPassFile.locate(Map.of("PGPASSFILE", ""), home)
                .password("h", 1, "d", "u"));
        assertEquals(Optional.of("home"), PgPassFile.locate(Map.of(), home).password("h", 1, "d", "u"));
    }

    @Test
    void aMissingFileOrAFolderHasNoEntries() throws IOException {
        assertEquals(Optional.empty(), PgPassFile.locate(Map.of(), home).password("h", 1, "d", "u"));
        Files.createDirectory(home.resolve(".pgpass"));
        assertEquals(Optional.empty(), PgPassFile.locate(Map.of(), home).password("h", 1, "d", "u"));
    }
}
