package io.postkit.core.internal.state;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SessionStateTest {

    private static final Instant STARTED = Instant.parse("2026-11-22T10:00:00Z");

    private static SessionState started() {
        return SessionState.started("staging", 16, "postkit_shop", "7301234567890123456", STARTED);
    }

    @Test
    void startsInTheCurrentFormatWithNoMigrations() {
        SessionState session = started();
        assertEquals(SessionState.FORMAT_VERSION, session.formatVersion());
        assertEquals(SessionState.Stage.STARTED, session.state());
        assertEquals(List.of(), session.migrations());
        assertEquals(16, session.remoteMajor());
    }

    @Test
    void movesThroughPlannedAndAppliedCollectingMigrations() {
        SessionState applied = started().planned().applied("20261122100000").planned().applied("20261122110000");
        assertEquals(SessionState.Stage.APPLIED, applied.state());
        assertEquals(List.of("20261122100000", "20261122110000"), applied.migrations());
        assertEquals(SessionState.Stage.PLANNED, applied.planned().state());
        assertEquals(applied.migrations(), applied.planned().migrations());
    }

    @Test
    void transitionsLeaveTheOriginalUnchanged() {
        SessionState planned = started().planned();
        planned.applied("20261122100000");
        assertEquals(SessionState.Stage.PLANNED, planned.state());
        assertEquals(List.of(), planned.migrations());
        assertThrows(UnsupportedOperationException.class, () -> planned.migrations().add("x"));
    }

    @Test
    void keepsEverythingElseThroughTransitions() {
        SessionState applied = started().planned().applied("20261122100000");
        assertEquals("staging", applied.remote());
        assertEquals("postkit_shop", applied.localDatabase());
        assertEquals("7301234567890123456", applied.localSystemIdentifier());
        assertEquals(STARTED, applied.startedAt());
    }

    @Test
    void requiresTheRemoteTheCloneAndItsServer() {
        assertThrows(NullPointerException.class, () -> SessionState.started(null, 16, "db", "1", STARTED));
        assertThrows(NullPointerException.class, () -> SessionState.started("r", 16, null, "1", STARTED));
        assertThrows(NullPointerException.class, () -> SessionState.started("r", 16, "db", null, STARTED));
        assertThrows(NullPointerException.class, () -> SessionState.started("r", 16, "db", "1", null));
    }
}
