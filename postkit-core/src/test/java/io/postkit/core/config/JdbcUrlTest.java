package io.postkit.core.config;

import io.postkit.core.PostkitException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JdbcUrlTest {

    @Test
    void takesTheUrlApart() {
        JdbcUrl url = JdbcUrl.parse("jdbc:postgresql://db.internal:6543/shop?user=app&sslmode=require", "prod");
        assertEquals("db.internal", url.host());
        assertEquals(6543, url.port());
        assertEquals("shop", url.database());
        assertEquals("app", url.user());
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
    void refusesAPasswordWithoutRepeatingIt() {
        PostkitException e = assertThrows(PostkitException.class,
                () -> JdbcUrl.parse("jdbc:postgresql://h/db?user=u&password=hunter2", "staging"));
        assertTrue(e.getMessage().startsWith("Remote 'staging': the url contains a password."), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"));
    }

    @Test
    void aMalformedUrlIsNamedWithItsRemote() {
        PostkitException e = assertThrows(PostkitException.class, () -> JdbcUrl.parse("postgres://h/db", "dev"));
        assertTrue(e.getMessage().contains("Remote 'dev': the url must look like"), e.getMessage());
    }
}
