package io.postkit.core.api;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LocalProviderTest {

    @Test
    void embeddedIsTheDefault() {
        assertEquals(LocalProvider.EMBEDDED, LocalProvider.parse(null));
        assertEquals(LocalProvider.EMBEDDED, LocalProvider.parse("  "));
    }

    @Test
    void namesAreReadAsUsersWriteThem() {
        assertEquals(LocalProvider.DOCKER, LocalProvider.parse("docker"));
        assertEquals(LocalProvider.DOCKER, LocalProvider.parse(" Docker "));
        assertEquals(LocalProvider.EMBEDDED, LocalProvider.parse("embedded"));
    }

    @Test
    void anUnknownProviderIsNamedWithTheChoices() {
        PostkitException e = assertThrows(PostkitException.class, () -> LocalProvider.parse("podman"));
        assertEquals("Unknown local provider 'podman': use embedded or docker (<local><provider>,"
                + " postkit.local.provider).", e.getMessage());
    }
}
