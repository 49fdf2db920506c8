package io.postkit.core;

import io.postkit.core.api.PostkitException;
import io.postkit.core.api.Workspace;
import io.postkit.core.internal.embedded.RunningServer;
import io.postkit.core.internal.workflow.Project;
import io.postkit.core.testing.RecordingLog;
import io.postkit.core.testing.TestProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A session names its clone, but only the clone's creation marker proves which database that is. */
class AbortCommandIT {

    private static final String TABLE = "CREATE TABLE customers (id int PRIMARY KEY, name text);";

    private TestProject project;
    private RecordingLog log;
    private Workspace workspace;
    private String clone;

    @BeforeEach
    void startSession() throws Exception {
        project = TestProject.withRemote("abort", 18, TABLE + " INSERT INTO customers VALUES (1, 'a');", TABLE);
        log = new RecordingLog();
        workspace = project.workspace(log);
        clone = new StartCommand(workspace, Clock.systemUTC()).run(null).localDatabase();
        localSql("postgres", "CREATE DATABASE important");
        localSql("important", "CREATE TABLE payroll (id int); INSERT INTO payroll VALUES (42);");
        Path session = project.dir().resolve(".postkit/db/session.json");
        Files.writeString(session, Files.readString(session).replace(clone, "important"));
    }

    @Test
    void abortNeverDropsADatabaseTheSessionFileMerelyNames() throws Exception {
        log.clear();
        new AbortCommand(workspace).run();
        assertEquals(List.of("INFO Session aborted: the local clone '" + clone + "' was dropped; database"
                + " 'important', which .postkit/db/session.json names, was NOT dropped: it is not the session's"
                + " clone (it carries no postkit marker); 0 session migration(s) were removed."), log.lines());
        assertEquals("42", localValue("important", "SELECT id FROM payroll"));
        assertFalse(localExists(clone), "the real clone, found by its marker's token, is dropped");
        assertFalse(Files.exists(project.dir().resolve(".postkit/db/session.json")));
    }

    @Test
    void noGoalWorksOnADatabaseThatIsNotTheSessionsClone() throws Exception {
        PostkitException e = assertThrows(PostkitException.class,
                () -> new PlanCommand(workspace, Clock.systemUTC()).run());
        assertEquals("Database 'important' on the local server is not this session's clone (it carries no postkit"
                + " marker), so postkit does not touch it. Run mvn postkit:abort to end the session, then mvn"
                + " postkit:start.", e.getMessage());
        assertEquals("42", localValue("important", "SELECT id FROM payroll"));
    }

    @Test
    void abortWorksFromATruncatedSessionFile() throws Exception {
        Path session = project.dir().resolve(".postkit/db/session.json");
        String json = Files.readString(session).replace("important", clone);
        Files.writeString(session, json.substring(0, json.length() / 2));

        PostkitException e = assertThrows(PostkitException.class,
                () -> new PlanCommand(workspace, Clock.systemUTC()).run());
        assertTrue(e.getMessage().endsWith(". Run mvn postkit:abort: it drops the session's local clone (found by its"
                + " postkit marker) and ends the session."), e.getMessage());

        log.clear();
        new AbortCommand(workspace).run();
        assertEquals(List.of("INFO Session aborted although .postkit/db/session.json could not be read: dropped '"
                + clone + "', this project's clone(s) by their postkit marker; removed the session's migrations."),
                log.startingWith("INFO Session"));
        assertFalse(localExists(clone));
        assertEquals("42", localValue("important", "SELECT id FROM payroll"), "an unmarked database is kept");
        assertFalse(Files.exists(session));
    }

    private boolean localExists(String database) throws Exception {
        Project p = new Project(workspace);
        try (RunningServer server = p.localServers().start(18)) {
            return p.databases(server).exists(database);
        }
    }

    private void localSql(String database, String sql) throws Exception {
        try (RunningServer server = new Project(workspace).localServers().start(18);
             Connection c = server.connect(database); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private String localValue(String database, String sql) throws Exception {
        try (RunningServer server = new Project(workspace).localServers().start(18);
             Connection c = server.connect(database); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
