package io.postkit.core.internal.embedded;

import io.postkit.core.testing.TestPostgres;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddedPostgresIT {

    static java.util.List<Integer> majors() {
        return TestPostgres.majors();
    }

    @ParameterizedTest
    @MethodSource("majors")
    void startsTheRequestedMajorAndJoinsARunningServerInsteadOfStartingASecond(int major) throws SQLException {
        EmbeddedPostgres postgres = TestPostgres.newServer(major, "lifecycle-" + major + "-" + System.nanoTime(),
                ServerSettings.throwawayClone());
        try (RunningServer first = postgres.start()) {
            assertTrue(first.startedHere());
            assertEquals(major, serverMajor(first));

            RunningServer second = postgres.start();
            assertFalse(second.startedHere(), "a server already running on the data directory is joined");
            assertEquals(first.port(), second.port());
            second.close();
            assertEquals(major, serverMajor(first), "closing a joined handle leaves the server running");
        }
        assertTrue(postgres.running().isEmpty(), "the handle that started the server stops it");

        try (RunningServer restarted = postgres.start()) {
            assertTrue(restarted.startedHere());
            assertEquals(major, serverMajor(restarted), "restart on an initialised data directory");
        }
    }

    private static int serverMajor(RunningServer server) throws SQLException {
        try (Connection c = server.connect("postgres"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW server_version_num")) {
            rs.next();
            return Integer.parseInt(rs.getString(1)) / 10000;
        }
    }
}
