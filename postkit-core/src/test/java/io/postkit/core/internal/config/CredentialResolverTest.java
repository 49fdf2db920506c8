package io.postkit.core.internal.config;

import io.postkit.core.api.Credentials;
import io.postkit.core.api.Machine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class CredentialResolverTest {

    private static final JdbcUrl URL = JdbcUrl.parse("jdbc:postgresql://db:5432/shop", "r");

    @TempDir
    Path home;

    private Credentials resolve(JdbcUrl url, Credentials settings, Map<String, String> env) {
        return CredentialResolver.resolve(url, settings, new Machine(env, home, "builder", false, null));
    }

    @Test
    void settingsWinOverEnvironmentAndPgpass() throws IOException {
        Files.writeString(home.resolve(".pgpass"), "*:*:*:*:frompgpass\n");
        Credentials c = resolve(URL, new Credentials("svc", "fromsettings"),
                Map.of("PGUSER", "envuser", "PGPASSWORD", "fromenv"));
        assertEquals(new Credentials("svc", "fromsettings"), c);
    }

    @Test
    void environmentComesNext() throws IOException {
        Files.writeString(home.resolve(".pgpass"), "*:*:*:*:frompgpass\n");
        Credentials c = resolve(URL, null, Map.of("PGUSER", "envuser", "PGPASSWORD", "fromenv"));
        assertEquals(new Credentials("envuser", "fromenv"), c);
    }

    @Test
    void aSettingsServerWithoutPasswordKeepsItsUserAndLooksFurther() throws IOException {
        Files.writeString(home.resolve(".pgpass"), "db:5432:shop:svc:svcpass\ndb:5432:shop:envuser:envpass\n");
        assertEquals(new Credentials("svc", "fromenv"),
                resolve(URL, new Credentials("svc", null), Map.of("PGUSER", "envuser", "PGPASSWORD", "fromenv")));
        assertEquals(new Credentials("svc", "svcpass"),
                resolve(URL, new Credentials("svc", null), Map.of("PGUSER", "envuser")));
    }

    @Test
    void thenPgpassMatchingHostPortDatabaseAndUser() throws IOException {
        Files.writeString(home.resolve(".pgpass"), "# comment\nother:5432:shop:app:wrong\ndb:5432:shop:app:right\n");
        assertEquals("right", resolve(URL, null, Map.of("PGUSER", "app")).password());
        assertNull(resolve(URL, null, Map.of("PGUSER", "nobody-here")).password());
    }

    @Test
    void anEmptyPgpasswordCountsAsUnset() throws IOException {
        Files.writeString(home.resolve(".pgpass"), "*:*:*:app:frompgpass\n");
        assertEquals("frompgpass", resolve(URL, null, Map.of("PGUSER", "app", "PGPASSWORD", "")).password());
    }

    @Test
    void theUrlUserComesBeforePguser() throws IOException {
        Files.writeString(home.resolve(".pgpass"), "db:5432:shop:urluser:forurluser\n");
        JdbcUrl url = JdbcUrl.parse("jdbc:postgresql://db/shop?user=urluser", "r");
        assertEquals(new Credentials("urluser", "forurluser"), resolve(url, null, Map.of("PGUSER", "envuser")));
    }

    @Test
    void theUserDefaultsToTheOsUser() {
        Credentials c = resolve(URL, null, Map.of());
        assertEquals("builder", c.user());
        assertNull(c.password());
    }

    @Test
    void pgpassIsLookedUpWithThePortAndAnIpv6HostAsLibpqNamesThem() throws IOException {
        Files.writeString(home.resolve(".pgpass"), "\\:\\:1:6000:shop:app:v6\n");
        JdbcUrl url = JdbcUrl.parse("jdbc:postgresql://[::1]:6000/shop", "r");
        assertEquals("v6", resolve(url, null, Map.of("PGUSER", "app")).password());
    }

    @Test
    void pgpassfileOverridesTheLocationAndEscapesWork() throws IOException {
        Path file = home.resolve("custom");
        Files.writeString(file, "db:*:*:app:pa\\:ss\\\\word\n");
        Credentials c = resolve(URL, null, Map.of("PGUSER", "app", "PGPASSFILE", file.toString()));
        assertEquals("pa:ss\\word", c.password());
    }

    @Test
    void credentialsNeverPrintThePassword() {
        String printed = new Credentials("u", "secret").toString();
        assertEquals("Credentials[user=u, password=***]", printed);
        assertEquals("Credentials[user=u, password=none]", new Credentials("u", null).toString());
    }
}
