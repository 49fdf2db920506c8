package io.postkit.core.internal.connect;

import io.postkit.core.api.PostkitException;
import io.postkit.core.internal.config.CredentialResolver;
import io.postkit.core.api.Credentials;
import io.postkit.core.internal.config.JdbcUrl;
import io.postkit.core.api.RemoteConfig;
import io.postkit.core.api.Host;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens connections to remotes, with credentials from settings.xml, the environment or ~/.pgpass, and turns
 * connection failures into one message that names the remote and says what to check. Never puts a password in a
 * message.
 */
public final class RemoteConnector {

    private final Host host;
    private final boolean configured;

    /** Connects to the remotes a project configures (settings.xml, environment, ~/.pgpass). */
    public RemoteConnector(Host host) {
        this(host, true);
    }

    private RemoteConnector(Host host, boolean configured) {
        this.host = host;
        this.configured = configured;
    }

    /** Connects to a URL given on the command line ({@code postkit:diff}): no {@code <serverId>} to point at. */
    public static RemoteConnector forUrls(Host host) {
        return new RemoteConnector(host, false);
    }

    public Connection open(RemoteConfig remote) {
        JdbcUrl url = JdbcUrl.parse(remote.url(), remote.name());
        Credentials settings = remote.serverId() == null ? null : host.serverCredentials().lookup(remote.serverId());
        Credentials credentials = CredentialResolver.resolve(url, settings, host.machine());
        Properties props = new Properties();
        props.setProperty("user", credentials.user());
        if (credentials.password() != null) {
            props.setProperty("password", credentials.password());
        }
        props.setProperty("ApplicationName", "postkit");
        props.setProperty("connectTimeout", "10");
        try {
            return DriverManager.getConnection(url.withoutCredentials(), props);
        } catch (SQLException e) {
            throw ConnectionFailure.describe(remote, url, credentials.user(), configured, e);
        }
    }

    /** Maps SQLSTATEs of a failed connection to what the user should check. */
    static final class ConnectionFailure {

        private ConnectionFailure() {
        }

        static PostkitException describe(RemoteConfig remote, JdbcUrl url, String user, boolean configured,
                                         SQLException e) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            String reason = sentence(e.getMessage());
            String where = url.host() + ":" + url.port() + "/" + url.database();
            String credentialsHint = remote.serverId() != null
                    ? "Check the password of server id '" + remote.serverId() + "' in ~/.m2/settings.xml."
                    : configured ? "Set <serverId> on the remote (settings.xml), or PGUSER/PGPASSWORD, or ~/.pgpass."
                    : "Set PGUSER and PGPASSWORD, or put the password in ~/.pgpass (or the file PGPASSFILE names).";
            if (state.startsWith("28") || (state.equals("08004") && e.getMessage().contains("password"))) {
                return new PostkitException("Authentication failed for remote '" + remote.name() + "' (" + where
                        + ") as user '" + user + "': " + reason + " " + credentialsHint, e);
            }
            if (state.equals("3D000")) {
                return new PostkitException("Remote '" + remote.name() + "': database '" + url.database()
                        + "' does not exist on " + url.host() + ":" + url.port() + ". Check the url in <remotes>.",
                        e);
            }
            if (state.startsWith("08")) {
                return new PostkitException("Cannot reach remote '" + remote.name() + "' at " + where + ": "
                        + reason + " Check that the server is running and that the url in <remotes> is"
                        + " right.", e);
            }
            return new PostkitException("Cannot connect to remote '" + remote.name() + "' (" + where + "): "
                    + reason + " (SQLSTATE " + state + ")", e);
        }

        private static String sentence(String message) {
            String text = message == null ? "" : message.strip();
            return text.endsWith(".") ? text : text + ".";
        }
    }
}
