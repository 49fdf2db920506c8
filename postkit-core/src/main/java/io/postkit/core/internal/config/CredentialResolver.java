package io.postkit.core.internal.config;

import io.postkit.core.api.Credentials;
import io.postkit.core.api.Machine;

import java.util.Map;

/**
 * Credentials for a remote, by precedence: the settings.xml server, then {@code PGUSER}/{@code PGPASSWORD}, then
 * {@code ~/.pgpass} (or {@code PGPASSFILE}). pgjdbc reads none of the environment variables itself.
 */
public final class CredentialResolver {

    private CredentialResolver() {
    }

    /**
     * The user is the first of: the settings.xml server's, the url's {@code user} parameter, {@code PGUSER}, the OS
     * user (libpq's default). The password may stay null: pgjdbc then connects without one (trust, peer, its own
     * {@code ~/.pgpass} lookup).
     *
     * @param fromSettings the settings.xml server's credentials, or null when the remote has no serverId
     */
    public static Credentials resolve(JdbcUrl url, Credentials fromSettings, Machine machine) {
        Map<String, String> environment = machine.environment();
        String user = firstPresent(fromSettings == null ? null : fromSettings.user(), url.user(),
                environment.get("PGUSER"), machine.userName());
        if (fromSettings != null && fromSettings.password() != null) {
            return new Credentials(user, fromSettings.password());
        }
        // libpq treats an empty PGPASSWORD as unset, and so do we
        String password = firstPresent(environment.get("PGPASSWORD"));
        if (password == null) {
            password = PgPassFile.locate(environment, machine.homeDir())
                    .password(url.hostName(), url.port(), url.database(), user).orElse(null);
        }
        return new Credentials(user, password);
    }

    private static String firstPresent(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isEmpty()) {
                return candidate;
            }
        }
        return null;
    }
}
