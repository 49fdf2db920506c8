package io.postkit.core.internal.server;

import io.postkit.core.api.ServerRequest;

import io.postkit.core.api.PostkitException;
import io.postkit.core.api.PostkitLog;
import io.postkit.core.internal.embedded.EmbeddedPostgres;
import io.postkit.core.api.PostgresBinaries;
import io.postkit.core.internal.embedded.RunningServer;
import io.postkit.core.internal.embedded.ServerSettings;
import io.postkit.core.internal.embedded.ServerUser;
import io.postkit.core.internal.sql.Identifiers;
import io.postkit.core.internal.sql.ScriptStatement;
import io.postkit.core.internal.sql.SqlScript;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

/**
 * A PostgreSQL server that outlives the build: a database for the user's application, or a throwaway "remote"
 * with sample data for trying postkit out. Unlike the session's local server, it keeps PostgreSQL's durable
 * defaults and may require a password.
 */
public final class LocalPostgresServer {

    private final PostgresBinaries binaries;
    private final ServerUser user;
    private final PostkitLog log;

    public LocalPostgresServer(PostgresBinaries binaries, ServerUser user, PostkitLog log) {
        this.binaries = binaries;
        this.user = user;
        this.log = log;
    }

    public void start(ServerRequest request) {
        EmbeddedPostgres postgres = embedded(request.major(), request.dataDir(), settings(request));
        RunningServer server = postgres.start().keepRunning(true);
        if (!server.startedHere()) {
            log.info("PostgreSQL " + request.major() + " is already running on localhost:" + server.port()
                    + " (data: " + request.dataDir() + ")");
        }
        if (request.database() != null && !request.database().isBlank()) {
            createDatabase(server, request);
        }
        log.info("PostgreSQL " + request.major() + " running on localhost:" + server.port() + " as user '"
                + request.superuser() + "' (data: " + request.dataDir() + "). Stop it with"
                + " mvn postkit:server-stop.");
    }

    /** Stops every server running under {@code dataRoot}; a server that is not running is not an error. */
    public void stop(Path dataRoot) {
        for (Path dataDir : dataDirectories(dataRoot)) {
            int major = majorOf(dataDir);
            EmbeddedPostgres postgres = embedded(major, dataDir, ServerSettings.throwawayClone());
            postgres.running().ifPresentOrElse(server -> {
                server.stop();
                log.info("Stopped PostgreSQL " + major + " on localhost:" + server.port() + " (data: " + dataDir + ")");
            }, () -> log.info("No PostgreSQL server is running on " + dataDir));
        }
    }

    /** Durable: the user keeps this server's data. */
    private static ServerSettings settings(ServerRequest request) {
        return new ServerSettings(request.port(), request.superuser(), request.password(), false);
    }

    private EmbeddedPostgres embedded(int major, Path dataDir, ServerSettings settings) {
        return EmbeddedPostgres.of(binaries, major, dataDir, user, settings, log);
    }

    private void createDatabase(RunningServer server, ServerRequest request) {
        String password = request.password();
        try (Connection c = server.connect("postgres", password)) {
            if (databaseExists(c, request.database())) {
                return;
            }
            try (Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + Identifiers.quote(request.database()));
            }
        } catch (SQLException e) {
            throw new PostkitException("Could not create database '" + request.database() + "' on the local server: "
                    + e.getMessage(), e);
        }
        try (Connection c = server.connect(request.database(), password)) {
            for (Path script : request.initScripts()) {
                runScript(c, script);
            }
        } catch (SQLException | PostkitException e) {
            dropDatabase(server, request);
            throw new PostkitException(e.getMessage() + "\nDatabase '" + request.database() + "' was dropped again;"
                    + " fix the script and run postkit:server-start again.", e);
        }
        log.info("Created database '" + request.database() + "'" + (request.initScripts().isEmpty() ? ""
                : " and ran " + request.initScripts().size() + " init script(s)"));
    }

    private static void dropDatabase(RunningServer server, ServerRequest request) {
        try (Connection c = server.connect("postgres", request.password());
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + Identifiers.quote(request.database()) + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new PostkitException("Could not drop the half-initialised database '" + request.database() + "': "
                    + e.getMessage(), e);
        }
    }

    private static boolean databaseExists(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void runScript(Connection c, Path script) {
        String text;
        try {
            text = Files.readString(script, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PostkitException("Cannot read init script " + script + ": " + e.getMessage(), e);
        }
        for (ScriptStatement statement : SqlScript.split(text, script.toString())) {
            try (Statement s = c.createStatement()) {
                s.execute(statement.sql());
            } catch (SQLException e) {
                throw statement.failure(e, null);
            }
        }
    }

    private static List<Path> dataDirectories(Path dataRoot) {
        if (!Files.isDirectory(dataRoot)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(dataRoot)) {
            return dirs.filter(d -> Files.exists(d.resolve("PG_VERSION"))).sorted().toList();
        } catch (IOException e) {
            throw new PostkitException("Cannot list " + dataRoot + ": " + e.getMessage(), e);
        }
    }

    private static int majorOf(Path dataDir) {
        try {
            return Integer.parseInt(Files.readString(dataDir.resolve("PG_VERSION")).strip());
        } catch (IOException | NumberFormatException e) {
            throw new PostkitException("Cannot read the PostgreSQL version of " + dataDir + ": " + e.getMessage(), e);
        }
    }
}
