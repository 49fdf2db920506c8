package io.postkit.core.config;

import io.postkit.core.PostkitException;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code jdbc:postgresql://host[:port][,…]/database?params} URL taken apart. Passwords in URLs are refused: they
 * end up in POMs, logs and shell histories. A {@code user} parameter is allowed.
 */
public record JdbcUrl(String hosts, String host, int port, String database, Map<String, String> params) {

    private static final Pattern URL = Pattern.compile("jdbc:postgresql://([^/?]*)/([^?]*)(?:\\?(.*))?");

    public static JdbcUrl parse(String url, String remoteName) {
        Matcher m = URL.matcher(url == null ? "" : url.strip());
        if (!m.matches() || m.group(1).isEmpty() || m.group(2).isEmpty()) {
            throw new PostkitException("Remote '" + remoteName + "': the url must look like"
                    + " jdbc:postgresql://host:5432/database (got '" + redact(url) + "').");
        }
        Map<String, String> params = params(m.group(3));
        if (params.containsKey("password")) {
            throw new PostkitException("Remote '" + remoteName + "': the url contains a password. Remove it and give"
                    + " the password through <serverId> (settings.xml), PGPASSWORD or ~/.pgpass.");
        }
        String first = m.group(1).split(",")[0];
        String host = first;
        int port = 5432;
        int colon = first.lastIndexOf(':');
        if (colon > 0 && !first.endsWith("]")) {
            host = first.substring(0, colon);
            port = Integer.parseInt(first.substring(colon + 1));
        }
        return new JdbcUrl(m.group(1), host, port, URLDecoder.decode(m.group(2), StandardCharsets.UTF_8), params);
    }

    /** The URL without user and password parameters: the credentials go in as connection properties. */
    public String withoutCredentials() {
        StringBuilder url = new StringBuilder("jdbc:postgresql://").append(hosts).append('/').append(database);
        String sep = "?";
        for (Map.Entry<String, String> p : params.entrySet()) {
            if (!p.getKey().equals("user") && !p.getKey().equals("password")) {
                url.append(sep).append(p.getKey()).append('=').append(p.getValue());
                sep = "&";
            }
        }
        return url.toString();
    }

    public String user() {
        return params.get("user");
    }

    private static Map<String, String> params(String query) {
        Map<String, String> params = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return params;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            params.put(key, eq < 0 ? "" : pair.substring(eq + 1));
        }
        return params;
    }

    private static String redact(String url) {
        return url == null ? "" : url.replaceAll("(?i)password=[^&]*", "password=***");
    }
}
