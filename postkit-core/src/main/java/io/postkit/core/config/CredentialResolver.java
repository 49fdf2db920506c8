package io.postkit.core.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * Credentials for a remote, by precedence: the settings.xml server, then {@code PGUSER}/{@code PGPASSWORD}, then
 * {@code ~/.pgpass} (or {@code PGPASSFILE}). pgjdbc reads none of the environment variables itself.
 */
public final class CredentialResolver {

    private CredentialResolver() {
    }

    /** @param fromSettings the settings.xml server's credentials, or null when the remote has no serverId */
    public static Credentials resolve(JdbcUrl url, Credentials fromSettings, Map<String, String> environment,
                                      Path homeDir) {
        String user = first(fromSettings == null ? null : fromSettings.user(), url.user(), environment.get("PGUSER"),
                System.getProperty("user.name"));
        if (fromSettings != null && fromSettings.password() != null) {
            return new Credentials(user, fromSettings.password());
        }
        String password = environment.get("PGPASSWORD");
        if (password == null) {
            password = PgPassFile.locate(environment, homeDir)
                    .password(url.host(), url.port(), url.database(), user).orElse(null);
        }
        return new Credentials(user, password);
    }

    private static String first(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate;
            }
        }
        return null;
    }
}
