package io.postkit.core.internal.config;

import io.postkit.core.api.PostkitException;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code jdbc:postgresql://host[:port][,…]/database?params} URL taken apart. Passwords in URLs are refused: they
 * end up in POMs, logs and shell histories. A {@code user} parameter is allowed.
 *
 * @param hosts  the host list as written ({@code a,b:5433}), for connecting
 * @param host   the first host, as written (IPv6 addresses keep their brackets)
 * @param port   the first host's port, 5432 when not written
 * @param params the query parameters with their values as written (not yet URL-decoded)
 */
public record JdbcUrl(String hosts, String host, int port, String database, Map<String, String> params) {

    private static final Pattern URL = Pattern.compile("jdbc:postgresql://([^/?]*)/([^?]*)(?:\\?(.*))?");
    private static final int DEFAULT_PORT = 5432;

    public JdbcUrl {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** @param remoteName named in every error, so the user knows which {@code <remote>} to fix */
    public static JdbcUrl parse(String url, String remoteName) {
        String text = url == null ? "" : url.strip();
        Matcher m = URL.matcher(text);
        if (!m.matches() || m.group(1).isEmpty() || m.group(2).isEmpty()) {
            throw invalid(remoteName, "the url must look like jdbc:postgresql://host:5432/database (got '"
                    + redact(text) + "')");
        }
        if (m.group(1).contains("@")) {
            throw invalid(remoteName, "the url contains user@host, which pgjdbc does not read. Remove it and give the"
                    + " user as ?user=… or through <serverId> (settings.xml), and the password through <serverId>,"
                    + " PGPASSWORD or ~/.pgpass");
        }
        Map<String, String> params = params(m.group(3), remoteName);
        String first = m.group(1).split(",")[0];
        int colon = first.lastIndexOf(':');
        boolean hasPort = colon > 0 && !first.endsWith("]");
        String host = hasPort ? first.substring(0, colon) : first;
        int port = hasPort ? port(first.substring(colon + 1), host, remoteName) : DEFAULT_PORT;
        return new JdbcUrl(m.group(1), host, port, URLDecoder.decode(m.group(2), StandardCharsets.UTF_8), params);
    }

    /** The URL without user and password parameters: the credentials go in as connection properties. */
    public String withoutCredentials() {
        StringBuilder url = new StringBuilder("jdbc:postgresql://").append(hosts).append('/').append(database);
        String separator = "?";
        for (Map.Entry<String, String> p : params.entrySet()) {
            if (!p.getKey().equals("user")) {
                url.append(separator).append(p.getKey()).append('=').append(p.getValue());
                separator = "&";
            }
        }
        return url.toString();
    }

    /** The {@code user} parameter, decoded as pgjdbc decodes it, or null. */
    public String user() {
        String user = params.get("user");
        return user == null ? null : URLDecoder.decode(user, StandardCharsets.UTF_8);
    }

    /** The first host as libpq and {@code ~/.pgpass} name it: an IPv6 address without its brackets. */
    public String hostName() {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** Keeps insertion order so {@link #withoutCredentials()} gives the parameters back as the user wrote them. */
    private static Map<String, String> params(String query, String remoteName) {
        Map<String, String> params = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return params;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (isPassword(key)) {
                throw invalid(remoteName, "the url contains a password (" + key + "=…). Remove it and give the"
                        + " password through <serverId> (settings.xml), PGPASSWORD or ~/.pgpass");
            }
            if (!key.isEmpty()) {
                params.put(key, eq < 0 ? "" : pair.substring(eq + 1));
            }
        }
        return params;
    }

    /** {@code password}, and {@code sslpassword} (the client key's), in any case: none belongs in a POM. */
    private static boolean isPassword(String key) {
        return URLDecoder.decode(key, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT).endsWith("password");
    }

    private static int port(String text, String host, String remoteName) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below, with the remote's name
        }
        throw invalid(remoteName, "the port of host '" + host + "' must be a number from 1 to 65535 (got '" + text
                + "')");
    }

    private static PostkitException invalid(String remoteName, String problem) {
        return new PostkitException("Remote '" + remoteName + "': " + problem + ".");
    }

    /** For echoing a malformed URL: whatever looks like a password or user info is masked. */
    private static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***").replaceAll("//[^/@?]*@", "//***@");
    }
}
