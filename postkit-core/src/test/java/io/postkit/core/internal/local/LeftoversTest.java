package io.postkit.core.internal.local;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which marked databases the next goal removes: those whose maker died and that nothing keeps. */
class LeftoversTest {

    /** No process has this pid (Linux pids stay below 2^22). */
    private static final long DEAD = 1L << 30;

    private final Leftovers leftovers = new Leftovers(new LocalDatabases(null, "project"), marker -> false);

    @Test
    void aTemplateAKilledGoalLeftHalfBuiltIsALeftover() {
        assertTrue(leftovers.isLeftover(new CreationMarker(Purpose.TEMPLATE, "t", DEAD, Instant.EPOCH, "project")),
                "a finished template is a template database, which no goal lists; one still listed was never"
                        + " finished");
    }

    @Test
    void aTemplateBeingBuiltIsNot() {
        ProcessHandle self = ProcessHandle.current();
        assertFalse(leftovers.isLeftover(new CreationMarker(Purpose.TEMPLATE, "t", self.pid(),
                self.info().startInstant().orElse(null), "project")));
    }
}
