package io.postkit.core;

import io.postkit.core.api.Confirmation;
import io.postkit.core.api.Host;
import io.postkit.core.api.PostkitLog;
import io.postkit.core.api.ServerCredentials;
import io.postkit.core.api.Workspace;
import io.postkit.core.internal.plan.PlanDocument;
import io.postkit.core.testing.TestDatabase;
import io.postkit.core.testing.TestPostgres;
import io.postkit.core.testing.TestProject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Names at PostgreSQL's limit of 63 bytes (and beyond it, which PostgreSQL cuts with a NOTICE), multi-byte ones
 * included, and routine signatures of hundreds of bytes, through start (clone), plan, apply, commit, deploy and
 * diff. A catalog query that mixes a {@code name} column with text cuts such text to 63 bytes.
 */
class LongNamesIT {

    static List<Integer> majors() {
        return TestPostgres.majors();
    }

    /** {@code prefix}, then {@code filler} as often as it fits in {@code bytes}, then 'x' up to exactly that. */
    static String name(String prefix, String filler, int bytes) {
        StringBuilder name = new StringBuilder(prefix);
        while (utf8(name + filler) <= bytes) {
            name.append(filler);
        }
        while (utf8(name.toString()) < bytes) {
            name.append('x');
        }
        return name.toString();
    }

    static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    static String q(String identifier) {
        return "\"" + identifier + "\"";
    }

    static final String ROLE = name("r_", "ü", 63);
    static final String TABLE = name("t_", "ü", 63);
    static final String KEY = name("c_", "数", 63);
    static final String TEXT = name("d_", "x", 63);
    static final String CHECK = name("ck_", "ü", 63);
    static final String INDEX = name("ix_", "数", 63);
    static final String ENUM = name("e_", "ü", 63);
    static final String DOMAIN = name("dom_", "数", 63);
    static final String SEQUENCE = name("s_", "ü", 63);
    static final String FUNCTION = name("f_", "数", 63);
    static final String TRIGGER_FUNCTION = name("tf_", "ü", 63);
    static final String TRIGGER = name("tr_", "数", 63);
    static final String POLICY = name("p_", "ü", 63);
    static final String VIEW = name("v_", "数", 63);

    /** Four arguments of 63-byte names, two of them {@code timestamp without time zone}: over 300 bytes. */
    static String arguments(String prefix) {
        return q(name(prefix + "a_", "ü", 63)) + " integer, " + q(name(prefix + "b_", "数", 63))
                + " timestamp without time zone, " + q(name(prefix + "c_", "x", 63)) + " timestamp without time zone, "
                + q(name(prefix + "d_", "ü", 63)) + " text";
    }

    static final String ROLES = "DO $$ BEGIN CREATE ROLE " + q(ROLE) + "; EXCEPTION WHEN duplicate_object THEN NULL;"
            + " END $$;";

    /** What the remote has: every kind of name at 63 bytes, and a routine signature over 300. */
    static final String REMOTE = "CREATE TYPE " + q(ENUM) + " AS ENUM ('a', 'b');\n"
            + "CREATE DOMAIN " + q(DOMAIN) + " AS text CHECK (VALUE <> '');\n"
            + "CREATE SEQUENCE " + q(SEQUENCE) + ";\n"
            + "CREATE TABLE " + q(TABLE) + " (" + q(KEY) + " int PRIMARY KEY, " + q(TEXT) + " text NOT NULL DEFAULT 'v'"
            + " CONSTRAINT " + q(CHECK) + " CHECK (" + q(TEXT) + " <> ''), kind " + q(ENUM) + ", code " + q(DOMAIN)
            + ", n bigint DEFAULT nextval('" + q(SEQUENCE).replace("'", "''") + "'));\n"
            + "CREATE INDEX " + q(INDEX) + " ON " + q(TABLE) + " (" + q(TEXT) + ");\n"
            + "CREATE FUNCTION " + q(FUNCTION) + "(" + arguments("") + ") RETURNS integer LANGUAGE sql"
            + " AS 'SELECT 1';\n"
            + "CREATE FUNCTION " + q(TRIGGER_FUNCTION) + "() RETURNS trigger LANGUAGE plpgsql"
            + " AS 'BEGIN RETURN NEW; END';\n"
            + "CREATE TRIGGER " + q(TRIGGER) + " BEFORE INSERT ON " + q(TABLE) + " FOR EACH ROW EXECUTE FUNCTION "
            + q(TRIGGER_FUNCTION) + "();\n"
            + "ALTER TABLE " + q(TABLE) + " ENABLE ROW LEVEL SECURITY;\n"
            + "CREATE POLICY " + q(POLICY) + " ON " + q(TABLE) + " TO " + q(ROLE) + " USING (" + q(KEY) + " > 0);\n"
            + "CREATE VIEW " + q(VIEW) + " AS SELECT " + q(FUNCTION) + "(1, now()::timestamp, now()::timestamp, 'a')"
            + " AS one, " + q(TEXT) + " FROM " + q(TABLE) + ";\n"
            + "COMMENT ON FUNCTION " + q(FUNCTION) + "(" + arguments("") + ") IS 'long signature';\n"
            + "COMMENT ON COLUMN " + q(TABLE) + "." + q(KEY) + " IS 'long column';\n"
            + "COMMENT ON CONSTRAINT " + q(CHECK) + " ON " + q(TABLE) + " IS 'long constraint';\n"
            + "REVOKE EXECUTE ON FUNCTION " + q(FUNCTION) + "(" + arguments("") + ") FROM PUBLIC;\n"
            + "GRANT EXECUTE ON FUNCTION " + q(FUNCTION) + "(" + arguments("") + ") TO " + q(ROLE) + ";\n"
            + "GRANT SELECT (" + q(TEXT) + ") ON " + q(TABLE) + " TO " + q(ROLE) + ";\n";

    static final String NEW_TABLE = name("t2_", "x", 64);
    static final String NEW_COLUMN = name("", "ü", 64);
    static final String NEW_FUNCTION = name("g_", "数", 64);

    /** The schema files: the remote's, plus names over the limit (cut by PostgreSQL) and another long signature. */
    static final String SCHEMA = REMOTE
            + "CREATE TABLE " + q(NEW_TABLE) + " (" + q(NEW_COLUMN) + " int PRIMARY KEY);\n"
            + "CREATE FUNCTION " + q(NEW_FUNCTION) + "(" + arguments("n") + ") RETURNS integer LANGUAGE sql"
            + " AS 'SELECT 2';\n"
            + "GRANT EXECUTE ON FUNCTION " + q(NEW_FUNCTION) + "(" + arguments("n") + ") TO " + q(ROLE) + ";\n"
            + "COMMENT ON FUNCTION " + q(NEW_FUNCTION) + "(" + arguments("n") + ") IS 'over the limit';\n";

    @ParameterizedTest
    @MethodSource("majors")
    void namesAtAndOverTheLimitGoThroughStartPlanApplyCommitAndDeploy(int major) throws Exception {
        TestProject project = TestProject.withRemote("long-names", major, ROLES + REMOTE, SCHEMA);
        TestDatabase remote = project.remote();
        remote.execute("INSERT INTO " + q(TABLE) + " (" + q(KEY) + ") VALUES (1)");
        Workspace workspace = project.workspace();

        new StartCommand(workspace, Clock.systemUTC()).run(null);
        PlanDocument plan = new PlanCommand(workspace, Clock.systemUTC()).run();
        new ApplyCommand(workspace, Clock.systemUTC()).run(new ApplyCommand.Options(false, "long_names"));
        PlanDocument again = new PlanCommand(workspace, Clock.systemUTC()).run();
        new CommitCommand(workspace, Clock.systemUTC()).run();
        DeployCommand.Result deployed = new DeployCommand(workspace, Clock.systemUTC())
                .run(new DeployCommand.Options(null, false, true, Duration.ZERO, Duration.ofSeconds(5), 0));

        assertEquals(List.of("function", "table", "constraint", "privilege", "comment"), plan.statements().stream()
                .map(s -> s.objectKind()).filter(kind -> !kind.equals("setting")).toList(), "only what is new");
        assertEquals(List.of("CREATE TABLE \"public\".\"" + cut(NEW_TABLE) + "\" (\n    \"" + cut(NEW_COLUMN)
                + "\" integer NOT NULL\n)"), plan.statements().stream().map(s -> s.sql())
                .filter(s -> s.startsWith("CREATE TABLE")).toList());
        String signature = remote.queryValue("SELECT pg_get_function_identity_arguments(oid) FROM pg_proc"
                + " WHERE proname = '" + cut(NEW_FUNCTION) + "'");
        assertTrue(utf8(signature) > 300, signature);
        assertEquals(List.of("GRANT EXECUTE ON ROUTINE \"public\".\"" + cut(NEW_FUNCTION) + "\"(" + signature + ") TO \""
                + ROLE + "\""), plan.statements().stream().map(s -> s.sql()).filter(s -> s.startsWith("GRANT")).toList());
        assertEquals(List.of(), again.statements(), "a plan right after apply is empty");
        assertTrue(deployed.applied());
        assertEquals(cut(NEW_TABLE), remote.queryValue("SELECT relname FROM pg_class WHERE relname LIKE 't2_%'"
                + " AND relkind = 'r'"));
        assertEquals("over the limit", remote.queryValue("SELECT obj_description(oid, 'pg_proc') FROM pg_proc"
                + " WHERE proname = '" + cut(NEW_FUNCTION) + "'"));
    }

    /** Diff from nothing to the remote, and back: each output runs as is and leaves nothing to diff. */
    @ParameterizedTest
    @MethodSource("majors")
    void diffCreatesAndDropsThemAll(int major) throws Exception {
        TestDatabase source = TestPostgres.freshDatabase(major);
        source.execute(ROLES + REMOTE);
        TestDatabase target = TestPostgres.freshDatabase(major);
        Path empty = Files.writeString(TestPostgres.workDir().resolve("empty-" + System.nanoTime() + ".sql"), "");

        String create = diff().run(new DiffCommand.Request(empty.toString(), source.url(), major, List.of("public")));
        target.execute(create);
        assertEquals("", diff().run(new DiffCommand.Request(target.url(), source.url(), null, List.of("public"))));

        String drop = diff().run(new DiffCommand.Request(target.url(), empty.toString(), null, List.of("public")));
        target.execute(drop);
        assertEquals(0, target.queryInt("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid ="
                + " c.relnamespace WHERE n.nspname = 'public'"));
        assertEquals(0, target.queryInt("SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid ="
                + " p.pronamespace WHERE n.nspname = 'public'"));
    }

    private static DiffCommand diff() {
        return new DiffCommand(new Host(TestPostgres.binaries(), ServerCredentials.NONE, Confirmation.BATCH,
                PostkitLog.SILENT, TestPostgres.machine().withEnvironment(Map.of("PGUSER", "postgres"))),
                TestPostgres.workDir().resolve("diff-server"));
    }

    /** What PostgreSQL keeps of a longer identifier: whole characters up to 63 bytes. */
    static String cut(String identifier) {
        StringBuilder kept = new StringBuilder();
        identifier.codePoints().forEach(cp -> {
            if (utf8(kept + Character.toString(cp)) <= 63) {
                kept.appendCodePoint(cp);
            }
        });
        return kept.toString();
    }
}
