package io.postkit.core.internal.embedded;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServerSettingsTest {

    private static final long GB = 1024L * 1024 * 1024;

    @Test
    void indexBuildsGetASixteenthOfTheMemoryBetween256MbAnd1Gb() {
        assertEquals(512, ServerSettings.maintenanceWorkMemMegabytes(8 * GB));
        assertEquals(1024, ServerSettings.maintenanceWorkMemMegabytes(64 * GB));
        assertEquals(256, ServerSettings.maintenanceWorkMemMegabytes(2 * GB));
        assertEquals(256, ServerSettings.maintenanceWorkMemMegabytes(0), "memory unknown");
    }

    @Test
    void onlyAThrowawayCloneServerIsTunedForLoading() {
        assertTrue(ServerSettings.throwawayClone().startOptions(5433, 13).matches(
                "-p 5433 -c max_locks_per_transaction=1024 -c maintenance_work_mem=[0-9]+MB"));
        assertEquals("-p 5433 -c max_locks_per_transaction=1024",
                new ServerSettings(5433, "postgres", "secret", false).startOptions(5433, 13));
        assertEquals("-p 5433 -c max_locks_per_transaction=1024 -c client_connection_check_interval=1000",
                new ServerSettings(5433, "postgres", "secret", false).startOptions(5433, 14),
                "from 14 on, a killed client's backend ends within a second");
    }

    /** The docker provider's container runs with the same tuning as an embedded clone server, not a copy of it. */
    @Test
    void aContainerGetsTheEmbeddedClonesSettingsOnItsCommandLine() {
        String arguments = String.join(" ", ServerSettings.throwawayClone().commandLine(15));
        assertTrue(arguments.matches("-c max_connections=60 -c fsync=off -c synchronous_commit=off"
                + " -c full_page_writes=off -c wal_level=minimal -c max_wal_senders=0 -c max_wal_size=512MB"
                + " -c checkpoint_timeout=30min -c autovacuum=off -c max_locks_per_transaction=1024"
                + " -c client_connection_check_interval=1000 -c maintenance_work_mem=[0-9]+MB"), arguments);
        assertEquals("'off'", ServerSettings.throwawayClone().configuration().get("fsync"), "postgresql.conf alike");
        assertEquals(null, new ServerSettings(0, "postgres", "secret", false).configuration().get("fsync"));
    }
}
