package io.postkit.core;

import io.postkit.core.api.Workspace;

import io.postkit.core.api.PostkitException;
import io.postkit.core.internal.catalog.Extensions;
import io.postkit.core.testing.TestDatabase;
import io.postkit.core.testing.TestPostgres;
import io.postkit.core.testing.TestProject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.time.Clock;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Extensions are infrastructure: a clone gets the remote's, the shadow gets the clone's, so schema files can use
 * them (an operator class, a function) without a CREATE EXTENSION of their own.
 */
class ExtensionsIT {

    private static final String SCHEMA = """
            CREATE TABLE rooms (id int, name text, during tsrange,
                EXCLUDE USING gist (id WITH =, during WITH &&));
            CREATE INDEX rooms_name_trgm ON rooms USING gin (name gin_trgm_ops);
            """;

    static List<Integer> majors() {
        return TestPostgres.majors();
    }

    @ParameterizedTest
    @MethodSource("majors")
    void theRemotesExtensionsReachTheCloneAndTheShadow(int major) throws Exception {
        TestProject project = TestProject.withRemote("extensions", major, "CREATE SCHEMA ext; CREATE EXTENSION"
                + " pg_trgm; CREATE EXTENSION btree_gist WITH SCHEMA ext;" + SCHEMA
                + " INSERT INTO rooms VALUES (1, 'blue', '[2026-01-01, 2026-01-02)');", SCHEMA);
        Workspace workspace = project.workspace();

        new StartCommand(workspace, Clock.systemUTC()).run(null);

        assertEquals(List.of(), new PlanCommand(workspace, Clock.systemUTC()).run().statements(),
                "the schema files match the remote once the extensions are there on both sides");
    }

    @ParameterizedTest
    @MethodSource("majors")
    void anExtensionTheLocalServerLacksIsAnErrorNamingIt(int major) throws Exception {
        TestDatabase target = TestPostgres.freshDatabase(major);
        Extensions wanted = new Extensions(List.of(new Extensions.Extension("no_such_extension", "public")));
        try (Connection c = target.connect()) {
            PostkitException e = assertThrows(PostkitException.class,
                    () -> wanted.installInto(c, Set.of("public"), "the local server"));
            assertEquals("The extension 'no_such_extension' is installed on the source but the local server does not"
                    + " have it (the embedded PostgreSQL binaries ship the contrib extensions only). Use a local server"
                    + " that has it (<local><url>…</url></local>).", e.getMessage());
        }
    }
}
