package io.postkit.core.internal.connect;

import io.postkit.core.api.PostkitException;
import io.postkit.core.api.RemoteConfig;
import io.postkit.core.internal.config.JdbcUrl;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What a failed connection tells the user to check depends on where the URL came from. */
class RemoteConnectorTest {

    private static final SQLException WRONG_PASSWORD = new SQLException(
            "FATAL: password authentication failed for user \"app\"", "28P01");

    @Test
    void aConfiguredRemoteWithoutServerIdPointsAtServerIdTheEnvironmentAndPgpass() {
        PostkitException e = describe(new RemoteConfig("prod", url(), null, true, true), true);
        assertEquals("Authentication failed for remote 'prod' (db.internal:5432/shop) as user 'app': FATAL: password"
                + " authentication failed for user \"app\". Set <serverId> on the remote (settings.xml), or"
                + " PGUSER/PGPASSWORD, or ~/.pgpass.", e.getMessage());
    }

    /** Regression: diff has no serverId parameter, yet its authentication failure suggested one. */
    @Test
    void aUrlOfTheCommandLineDoesNotSuggestServerId() {
        PostkitException e = describe(new RemoteConfig("from", url(), null, false, false), false);
        assertEquals("Authentication failed for remote 'from' (db.internal:5432/shop) as user 'app': FATAL: password"
                + " authentication failed for user \"app\". Set PGUSER and PGPASSWORD, or put the password in"
                + " ~/.pgpass (or the file PGPASSFILE names).", e.getMessage());
    }

    private static String url() {
        return "jdbc:postgresql://db.internal:5432/shop";
    }

    private static PostkitException describe(RemoteConfig remote, boolean configured) {
        return RemoteConnector.ConnectionFailure.describe(remote, JdbcUrl.parse(remote.url(), remote.name()), "app",
                configured, WRONG_PASSWORD);
    }
}
