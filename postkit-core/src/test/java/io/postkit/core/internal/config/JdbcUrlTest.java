package io.postkit.core.internal.config;

import io.postkit.core.api.PostkitException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JdbcUrlTest {

    private static PostkitException refused(String url) {
        return assertThrows(PostkitException.class, () -> JdbcUrl.parse(url, "staging"));
    }

    @Test
    void takesTheUrlApart() {
        JdbcUrl url = JdbcUrl.parse("jdbc:postgresql://db.internal:6543/shop?user=app&sslmode=require", "prod");
        assertEquals("db.internal", url.host());
        assertEquals(6543, url.port());
        assertEquals("shop", url.database());
        assertEquals("app", url.user());
        assertEquals("require", url.params().get("sslmode"));
        assertEquals("jdbc:postgresql://db.internal:6543/shop?sslmode=require", url.withoutCredentials());
    }

    @Test
    void defaultsThePortAndKeepsSeveralHosts() {
        JdbcUrl url = JdbcUrl.parse("jdbc:postgresql://a,b:5433/shop", "r");
        assertEquals("a", url.host());
        assertEquals(5432, url.port());
        assertEquals("jdbc:postgresql://a,b:5433/shop", url.withoutCredentials());
    }

    @Test
    void keepsParametersInTheOrderWritten() {
        JdbcUrl url = JdbcUrl.parse("jdbc:postgresql://h/db?z=1&user=u&a=2&m=3", "r");
        assertEquals(List.of("z", "user", "a", "m"), List.copyOf(url.params().keySet()));
        assertEquals("jdbc:postgresql://h/db?z=1&a=2&m=3", url.withoutCredentials());
    }

    @Test
    void decodesTheDatabaseAndTheUser() {
        JdbcUrl url = JdbcUrl.parse("  jdbc:postgresql://h/my%20db?user=ann%40corp  ", "r");
        assertEquals("my db", url.database());
        assertEquals("ann@corp", url.user());
        assertNull(JdbcUrl.parse("jdbc:postgresql://h/db", "r").user());
    }

    @Test
    void readsIpv6Hosts() {
        JdbcUrl withPort = JdbcUrl.parse("jdbc:postgresql://[::1]:5433/db", "r");
        assertEquals("[::1]", withPort.host());
        assertEquals("::1", withPort.hostName());
        assertEquals(5433, withPort.port());
        JdbcUrl withoutPort = JdbcUrl.parse("jdbc:postgresql://[fe80::1]/db", "r");
        assertEquals("fe80::1", withoutPort.hostName());
        assertEquals(5432, withoutPort.port());
    }

    @Test
    void paramsCannotBeChangedAfterParsing() {
        JdbcUrl url = JdbcUrl.parse("jdbc:postgresql://h/db?a=1", "r");
        assertThrows(UnsupportedOperationException.class, () -> url.params().put("password", "x"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "jdbc:postgresql://h/db?user=u&password=hunter2",
        "jdbc:postgresql://h/db?PASSWORD=hunter2",
        "jdbc:postgresql://h/db?sslmode=verify-full&sslpassword=hunter2",
        "jdbc:postgresql://h/db?pass%77ord=hunter2",
        "jdbc:postgresql://h/db?password"})
    void refusesAPasswordWithoutRepeatingIt(String url) {
        PostkitException e = refused(url);
        assertTrue(e.getMessage().startsWith("Remote 'staging': the url contains a password ("), e.getMessage());
        assertTrue(e.getMessage().contains("settings.xml"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void refusesUserInfoWithoutRepeatingIt() {
        PostkitException e = refused("jdbc:postgresql://app:hunter2@db:5432/shop");
        assertEquals("Remote 'staging': the url contains user@host, which pgjdbc does not read. Remove it and give the"
                + " user as ?user=… or through <serverId> (settings.xml), and the password through <serverId>,"
                + " PGPASSWORD or ~/.pgpass.", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres://app:hunter2@h/db", "jdbc:postgresql://h?password=hunter2",
        "jdbc:postgresql://h/?PassWord=hunter2"})
    void aMalformedUrlIsEchoedWithoutItsSecrets(String url) {
        PostkitException e = refused(url);
        assertTrue(e.getMessage().startsWith("Remote 'staging': the url must look like"
                + " jdbc:postgresql://host:5432/database (got '"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "jdbc:mysql://h/db", "jdbc:postgresql://h", "jdbc:postgresql:///db",
        "jdbc:postgresql://h/"})
    void malformedUrlsNameTheRemote(String url) {
        assertEquals("Remote 'staging': the url must look like jdbc:postgresql://host:5432/database (got '" + url.strip()
                + "').", refused(url).getMessage());
        assertEquals("Remote 'dev': the url must look like jdbc:postgresql://host:5432/database (got '').",
                assertThrows(PostkitException.class, () -> JdbcUrl.parse(null, "dev")).getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:postgresql://db:abc/shop", "jdbc:postgresql://db:0/shop",
        "jdbc:postgresql://db:65536/shop", "jdbc:postgresql://db:/shop"})
    void aBadPortIsAConfigurationError(String url) {
        PostkitException e = refused(url);
        assertTrue(e.getMessage().startsWith("Remote 'staging': the port of host 'db' must be a number from 1 to"
                + " 65535"), e.getMessage());
    }
}
