package io.postkit.core.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

class CredentialResolverTest {

    private static final JdbcUrl URL = JdbcUrl.parse("jdbc:postgresql://db:5432/shop", "r");

    @TempDir
    Path home;

    @Test
    void settingsWinOverEnvironmentAndPgpass() throws IOException {
        Files.writeString(home.resolve(".pgpass"), "*:*:*:*:frompgpass\n");
        Credentials c = CredentialResolver.resolve(URL, new Credentials("svc", "fromsettings"),
                Map.of("PGUSER", "envuser", "PGPASSWORD", "fromenv"), home);
        assertEquals(new Credentials("svc", "fromsettings"), c);
    }

    @Test
    void environmentComesNext() {
        Credentials c = CredentialResolver.resolve(URL, null, Map.of("PGUSER", "envuser", "PGPASSWORD", "fromenv"),
                home);
        assertEquals(new Credentials("envuser", "fromenv"), c);
    }

    @Test
    void thenPgpassMatchingHostPortDatabaseAndUser() throws IOException {
        Files.writeString(home.resolve(".pgpass"), "# comment\nother:5432:shop:app:wrong\ndb:5432:shop:app:right\n");
        assertEquals("right", CredentialResolver.resolve(URL, null, Map.of("PGUSER", "app"), home).password());
        assertNull(CredentialResolver.resolve(URL, null, Map.of("PGUSER", "nobody-here"), home).password());
    }

    @Test
    void pgpassfileOverridesTheLocationAndEscapesWork() throws IOException {
        Path file = home.resolve("custom");
        Files.writeString(file, "db:*:*:app:pa\\:ss\\\\word\n");
        Credentials c = CredentialResolver.resolve(URL, null,
                Map.of("PGUSER", "app", "PGPASSFILE", file.toString()), home);
        assertEquals("pa:ss\\word", c.password());
    }

    @Test
    void credentialsNeverPrintThePassword() {
        assertFalse(new Credentials("u", "secret").toString().contains("secret"));
    }
}
