package io.postkit.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.postkit.core.api.RemoteConfig;
import io.postkit.core.api.RemoteStatus;
import io.postkit.core.api.Workspace;
import io.postkit.core.testing.TestDatabase;
import io.postkit.core.testing.TestPostgres;
import io.postkit.core.testing.TestProject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code postkit:remotes} and the remotes part of {@code postkit:status}: read only, never credentials. */
class RemotesCommandIT {

    @Test
    void everyRemoteIsTestedAndMigrationsThisCheckoutDoesNotKnowAreWarned() throws Exception {
        TestDatabase remote = remoteWithAnUnknownMigration();
        TestProject project = TestProject.create("remotes", remote);
        RemoteConfig gone = new RemoteConfig("gone", "jdbc:postgresql://localhost:1/nowhere?user=postgres", null,
                false, false);
        List<String> warnings = new ArrayList<>();
        Workspace workspace = project.workspace(ProjectScriptsIT.warningsInto(warnings), List.of(gone));

        RemotesCommand.Result result = new RemotesCommand(workspace).run();

        RemoteStatus test = result.remotes().get(0);
        assertEquals("test", test.name());
        assertTrue(test.reachable());
        assertTrue(test.isDefault());
        assertEquals(remote.queryValue("SHOW server_version"), test.serverVersion());
        assertTrue(test.latencyMillis() >= 0 && test.latencyMillis() < 1000, String.valueOf(test.latencyMillis()));
        assertEquals(List.of("20990101000000"), test.unknownMigrations());
        assertEquals(List.of(), test.pendingMigrations());
        RemoteStatus unreachable = result.remotes().get(1);
        assertEquals("gone", unreachable.name());
        assertEquals("localhost:1/nowhere", unreachable.location());
        assertFalse(unreachable.reachable());
        assertNull(unreachable.serverVersion());
        assertTrue(unreachable.problem().startsWith("Cannot reach remote 'gone' at localhost:1/nowhere:"),
                unreachable.problem());
        assertEquals(List.of("Remote 'test' holds 1 migration(s) this checkout does not know: 20990101000000."
                + " Someone deployed from another branch or checkout: update yours (.postkit/db/migrations/ and"
                + " committed.json) before you deploy."), warnings);

        JsonNode json = new ObjectMapper().readTree(result.json());
        assertEquals(2, json.get("remotes").size());
        assertEquals("gone", json.get("remotes").get(1).get("name").asText());
        assertFalse(result.json().contains("user=postgres"), "no connection parameters in the output");
    }

    @Test
    void statusReportsTheSameAsJson() throws Exception {
        TestProject project = TestProject.create("status-json", remoteWithAnUnknownMigration());
        List<String> warnings = new ArrayList<>();

        StatusCommand.Result status = new StatusCommand(project.workspace(ProjectScriptsIT.warningsInto(warnings)))
                .run(false);

        assertEquals(1, warnings.size(), warnings.toString());
        JsonNode json = new ObjectMapper().readTree(status.json());
        assertTrue(json.get("session").isNull());
        assertEquals(0, json.get("committedMigrations").asInt());
        assertEquals("20990101000000", json.get("remotes").get(0).get("unknownMigrations").get(0).asText());
        assertEquals(List.of(), new StatusCommand(project.workspace()).run(true).remotes(), "offline");
    }

    /** A remote someone deployed to from another checkout: it holds a version this project does not know. */
    private static TestDatabase remoteWithAnUnknownMigration() throws Exception {
        TestDatabase remote = TestPostgres.freshDatabase(18);
        remote.execute("CREATE TABLE schema_migrations (version varchar(128) PRIMARY KEY);"
                + " INSERT INTO schema_migrations VALUES ('20990101000000');");
        return remote;
    }
}
