package io.postkit.core;

import io.postkit.core.api.Workspace;

import io.postkit.core.internal.plan.PlanDocument;
import io.postkit.core.internal.render.PlannedStatement;
import io.postkit.core.testing.TestDatabase;
import io.postkit.core.testing.TestPostgres;
import io.postkit.core.testing.TestProject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Clock;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Ownership (SPEC §5: off by default): a clone keeps its source's owners; with {@code manageOwners} a plan sets the
 * owners the schema files give and leaves alone the objects they give none; without it, owners never show.
 */
class OwnershipIT {

    private static final String ROLES = "DO $$ BEGIN"
            + " IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pk_app') THEN CREATE ROLE pk_app; END IF;"
            + " IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pk_owner') THEN CREATE ROLE pk_owner; END IF;"
            + " END $$;";

    private static final String REMOTE = ROLES + """
            CREATE TABLE orders (id int);
            CREATE TABLE notes (id int);
            CREATE FUNCTION answer() RETURNS int LANGUAGE sql AS $$ SELECT 42 $$;
            ALTER TABLE orders OWNER TO pk_app;
            ALTER TABLE notes OWNER TO pk_app;
            ALTER FUNCTION answer() OWNER TO pk_app;
            """;

    private static final String DESIRED = """
            CREATE TABLE orders (id int);
            CREATE TABLE notes (id int);
            CREATE FUNCTION answer() RETURNS int LANGUAGE sql AS $$ SELECT 42 $$;
            ALTER TABLE orders OWNER TO pk_owner;
            ALTER FUNCTION answer() OWNER TO pk_owner;
            """;

    static List<Integer> majors() {
        return TestPostgres.majors();
    }

    @ParameterizedTest
    @MethodSource("majors")
    void ownersAreClonedAndSetOnlyWhenManaged(int major) throws Exception {
        TestProject project = TestProject.withRemote("owners", major, REMOTE, DESIRED);
        TestDatabase remote = project.remote();

        Workspace plain = project.workspace();
        new StartCommand(plain, Clock.systemUTC()).run(null);
        assertEquals(List.of(), new PlanCommand(plain, Clock.systemUTC()).run().statements(),
                "without manageOwners owners are not compared");

        Workspace managed = project.ownersWorkspace();
        PlanDocument plan = new PlanCommand(managed, Clock.systemUTC()).run();
        assertEquals(List.of("ALTER TABLE \"public\".\"orders\" OWNER TO \"pk_owner\"",
                        "ALTER FUNCTION \"public\".\"answer\"() OWNER TO \"pk_owner\""),
                plan.statements().stream().map(PlannedStatement::sql).sorted(java.util.Comparator.reverseOrder())
                        .toList(), "only the owners the schema files give; notes keeps pk_app");
        new ApplyCommand(managed, Clock.systemUTC()).run(new ApplyCommand.Options(false, "owners"));
        assertEquals(List.of(), new PlanCommand(managed, Clock.systemUTC()).run().statements());
        new CommitCommand(managed, Clock.systemUTC()).run();
        new DeployCommand(managed, Clock.systemUTC()).run(new DeployCommand.Options(null, false, true,
                java.time.Duration.ZERO, java.time.Duration.ofSeconds(5), 0));
        assertEquals("pk_owner", remote.queryValue("SELECT pg_get_userbyid(relowner) FROM pg_class"
                + " WHERE oid = 'public.orders'::regclass"));
        assertEquals("pk_app", remote.queryValue("SELECT pg_get_userbyid(relowner) FROM pg_class"
                + " WHERE oid = 'public.notes'::regclass"));
        assertEquals("pk_owner", remote.queryValue("SELECT pg_get_userbyid(proowner) FROM pg_proc"
                + " WHERE proname = 'answer'"));
    }
}
