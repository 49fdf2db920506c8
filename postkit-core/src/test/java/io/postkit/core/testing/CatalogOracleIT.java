package io.postkit.core.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The oracle itself must be able to fail: every property it claims to describe, changed alone, shows as a
 * difference on exactly the object changed; what it claims to leave out does not; and it shares no code with the
 * engine.
 */
class CatalogOracleIT {

    private static final List<String> SCHEMAS = List.of("public", "extra");
    private static final Map<Integer, CatalogDescription> BASE_DESCRIPTIONS = new TreeMap<>();

    private static final String BASE = """
            CREATE SCHEMA extra;
            CREATE TYPE mood AS ENUM ('ok', 'meh');
            CREATE DOMAIN positive AS int CHECK (VALUE > 0);
            CREATE TABLE t (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, a text DEFAULT 'x', b int NOT NULL,
                c text, n int, m mood);
            CREATE INDEX t_a_idx ON t (a);
            CREATE SEQUENCE extra.counter START 10;
            CREATE VIEW v AS SELECT id, a FROM t;
            CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql AS $$ SELECT x + 1 $$;
            CREATE FUNCTION stamp() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
            CREATE TRIGGER t_stamp BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION stamp();
            ALTER TABLE t ENABLE ROW LEVEL SECURITY;
            CREATE POLICY p ON t USING (b > 0);
            GRANT SELECT ON t TO oracle_reader;
            COMMENT ON TABLE t IS 'the table';
            """;

    record Variant(String name, String change, Set<String> expected) {
        Set<String> expectedOn(int major) {
            Set<String> on = new TreeSet<>();
            for (String e : expected) {
                if (!e.matches("\\d+: .*")) {
                    on.add(e);
                } else if (major >= Integer.parseInt(e.substring(0, e.indexOf(':')))) {
                    on.add(e.substring(e.indexOf(": ") + 2));
                }
            }
            return on;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * One property changed each; what must differ: sign and the text before ": " of each differing line (a prefix
     * {@code "18: "} when only from that major on).
     */
    static final List<Variant> VARIANTS = List.of(
            new Variant("a column default", "ALTER TABLE t ALTER COLUMN a SET DEFAULT 'y'",
                    Set.of("- table public.t column a", "+ table public.t column a")),
            new Variant("a column's NOT NULL", "ALTER TABLE t ALTER COLUMN b DROP NOT NULL",
                    Set.of("- table public.t column b", "+ table public.t column b",
                            // PostgreSQL 18 records NOT NULL as a constraint too
                            "18: - constraint t_b_not_null on table public.t")),
            new Variant("a column's type", "ALTER TABLE t ALTER COLUMN n TYPE bigint",
                    Set.of("- table public.t column n", "+ table public.t column n")),
            new Variant("a column's collation", "ALTER TABLE t ALTER COLUMN c TYPE text COLLATE \"C\"",
                    Set.of("- table public.t column c", "+ table public.t column c")),
            new Variant("identity options", "ALTER TABLE t ALTER COLUMN id SET INCREMENT BY 5",
                    Set.of("- table public.t column id", "+ table public.t column id")),
            new Variant("a column's storage", "ALTER TABLE t ALTER COLUMN c SET STORAGE EXTERNAL",
                    Set.of("- table public.t column c", "+ table public.t column c")),
            new Variant("a table's storage parameters", "ALTER TABLE t SET (fillfactor = 70)",
                    Set.of("- table public.t", "+ table public.t")),
            new Variant("forced row level security", "ALTER TABLE t FORCE ROW LEVEL SECURITY",
                    Set.of("- table public.t", "+ table public.t")),
            new Variant("a table's owner", "ALTER TABLE t OWNER TO oracle_reader",
                    Set.of("- table public.t", "+ table public.t",
                            // the owner's privileges move with it
                            "- privilege on table public.t", "+ privilege on table public.t")),
            new Variant("a constraint", "ALTER TABLE t ADD CONSTRAINT t_b_check CHECK (b < 100) NOT VALID",
                    Set.of("+ constraint t_b_check on table public.t")),
            new Variant("an index's definition", "DROP INDEX t_a_idx; CREATE INDEX t_a_idx ON t (a DESC)",
                    Set.of("- index public.t_a_idx on public.t", "+ index public.t_a_idx on public.t")),
            new Variant("a view's definition", "CREATE OR REPLACE VIEW v AS SELECT id, a FROM t WHERE b > 1",
                    Set.of("- view public.v definition", "+ view public.v definition")),
            new Variant("a function's body", "CREATE OR REPLACE FUNCTION f(x int) RETURNS int LANGUAGE sql"
                    + " AS $$ SELECT x + 2 $$", Set.of("- function public.f(integer)", "+ function public.f(integer)")),
            new Variant("a function's volatility", "ALTER FUNCTION f(int) IMMUTABLE",
                    Set.of("- function public.f(integer)", "+ function public.f(integer)")),
            new Variant("a trigger's enabled state", "ALTER TABLE t DISABLE TRIGGER t_stamp",
                    Set.of("- trigger t_stamp on public.t", "+ trigger t_stamp on public.t")),
            new Variant("a policy's expression", "ALTER POLICY p ON t USING (b > 1)",
                    Set.of("- policy p on public.t", "+ policy p on public.t")),
            new Variant("a sequence's options", "ALTER SEQUENCE extra.counter CACHE 5",
                    Set.of("- sequence extra.counter", "+ sequence extra.counter")),
            new Variant("a sequence's position is data, not schema", "SELECT setval('extra.counter', 500)", Set.of()),
            new Variant("enum label order", "ALTER TYPE mood ADD VALUE 'good' BEFORE 'ok'",
                    Set.of("- type public.mood", "+ type public.mood")),
            new Variant("a domain's constraint", "ALTER DOMAIN positive ADD CONSTRAINT small CHECK (VALUE < 10)",
                    Set.of("+ constraint small on domain public.positive")),
            new Variant("a comment's text", "COMMENT ON TABLE t IS 'another text'",
                    Set.of("- comment on table public.t", "+ comment on table public.t")),
            new Variant("a column comment", "COMMENT ON COLUMN t.a IS 'a'",
                    Set.of("+ comment on column a of table public.t")),
            new Variant("a privilege", "GRANT UPDATE ON t TO oracle_reader",
                    Set.of("+ privilege on table public.t")),
            new Variant("a grant option", "GRANT SELECT ON t TO oracle_reader WITH GRANT OPTION",
                    Set.of("- privilege on table public.t", "+ privilege on table public.t")),
            new Variant("a column privilege", "GRANT UPDATE (a) ON t TO oracle_reader",
                    Set.of("+ privilege on column a of table public.t")),
            new Variant("PUBLIC's EXECUTE", "REVOKE EXECUTE ON FUNCTION f(int) FROM PUBLIC",
                    Set.of("- privilege on function public.f(integer)")),
            new Variant("a default privilege", "ALTER DEFAULT PRIVILEGES IN SCHEMA extra GRANT SELECT ON TABLES"
                    + " TO oracle_reader", Set.of("+ default privileges of postgres in schema extra on tables")),
            new Variant("an extension", "CREATE EXTENSION pg_trgm", Set.of("+ extension pg_trgm")),
            new Variant("an unmanaged kind of object", "CREATE COLLATION extra.c_copy FROM \"C\"",
                    Set.of("+ object collation extra.c_copy")),
            new Variant("a table in another schema", "CREATE TABLE extra.u (x int)",
                    Set.of("+ table extra.u", "+ table extra.u column x", "+ column order of table extra.u",
                            "+ privilege on table extra.u")));

    static Stream<Arguments> variants() {
        return TestPostgres.majors().stream().flatMap(major -> VARIANTS.stream().map(v -> Arguments.of(major, v)));
    }

    @ParameterizedTest(name = "PostgreSQL {0}: {1}")
    @MethodSource("variants")
    void eachPropertyChangedAloneShowsOnTheObjectChanged(int major, Variant variant) throws SQLException {
        TestDatabase changed = databaseWithBase(major);
        try {
            changed.execute(variant.change());
            List<String> differences = describe(changed).differencesFrom(baseDescription(major));
            Set<String> what = new TreeSet<>();
            for (String d : differences) {
                what.add(d.contains(": ") ? d.substring(0, d.indexOf(": ")) : d);
            }
            assertEquals(variant.expectedOn(major), what, String.join("\n", differences));
        } finally {
            changed.drop();
        }
    }

    /** The base schema's description, once per major. */
    private static synchronized CatalogDescription baseDescription(int major) throws SQLException {
        CatalogDescription description = BASE_DESCRIPTIONS.get(major);
        if (description == null) {
            TestDatabase base = databaseWithBase(major);
            description = describe(base);
            base.drop();
            BASE_DESCRIPTIONS.put(major, description);
        }
        return description;
    }

    static List<Integer> majors() {
        return TestPostgres.majors();
    }

    @ParameterizedTest
    @MethodSource("majors")
    void theSameSchemaReadsTheSameAndWhatLegitimatelyDiffersIsLeftOut(int major) throws SQLException {
        TestDatabase x = databaseWithBase(major);
        TestDatabase y = databaseWithBase(major);
        try {
            // a generated identity sequence name, an ACL made explicit at its default, a sequence position
            y.execute("""
                    ALTER TABLE t ALTER COLUMN id DROP IDENTITY;
                    CREATE SEQUENCE t_id_seq;
                    ALTER TABLE t ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY;
                    DROP SEQUENCE t_id_seq;
                    GRANT ALL ON FUNCTION f(int) TO oracle_reader;
                    REVOKE ALL ON FUNCTION f(int) FROM oracle_reader;
                    SELECT nextval('extra.counter');
                    """.formatted(x.name()));
            assertEquals("t_id_seq1", y.queryValue("SELECT pg_get_serial_sequence('t', 'id')::regclass::text"
                    .replace("::regclass::text", "")).replace("public.", ""), "the identity sequence got a suffix");
            CatalogDescription dx = describe(x);
            assertEquals(List.of(), describe(y).differencesFrom(dx));
            assertTrue(dx.lines().contains("table public.t column b: type=integer collation=- not_null=t"
                    + " default=- identity=- generated=- storage=p" + (major >= 14 ? " compression=-" : "")
                    + " statistics=-1 local=t inherited=0 options=[]"), String.join("\n", dx.lines()));
            assertTrue(dx.lines().contains("type public.mood: owner=postgres enum ('ok', 'meh')"),
                    String.join("\n", dx.lines()));
            assertTrue(dx.lines().contains("column order of table public.t: id, a, b, c, n, m"),
                    String.join("\n", dx.lines()));
        } finally {
            x.drop();
            y.drop();
        }
    }

    @ParameterizedTest
    @MethodSource("majors")
    void partitionClonesAreDescribedByWhatTheyBelongToNotByTheirGeneratedNames(int major) throws SQLException {
        TestDatabase x = TestPostgres.freshDatabase(major);
        TestDatabase y = TestPostgres.freshDatabase(major);
        try {
            String parent = "CREATE TABLE p (id int NOT NULL, k int) PARTITION BY RANGE (id);";
            // PARTITION OF, then PostgreSQL names p1's index (p1_k_idx) and, on 18, its NOT NULL (p's name)
            x.execute(parent + " CREATE TABLE p1 PARTITION OF p FOR VALUES FROM (0) TO (10);"
                    + " CREATE INDEX p_k_idx ON p (k);");
            // attached with an index and a NOT NULL of its own names
            y.execute(parent + " CREATE TABLE p1 (id int NOT NULL, k int); CREATE INDEX p1_custom ON p1 (k);"
                    + " ALTER TABLE p ATTACH PARTITION p1 FOR VALUES FROM (0) TO (10); CREATE INDEX p_k_idx ON p (k);");
            assertEquals("p1_custom", y.queryValue("SELECT indexrelid::regclass::text FROM pg_index"
                    + " WHERE indrelid = 'p1'::regclass"));
            CatalogDescription dx = describe(x);
            assertEquals(List.of(), describe(y).differencesFrom(dx));
            assertTrue(dx.lines().contains("index attached to public.p_k_idx on public.p1: CREATE INDEX ON public.p1"
                    + " USING btree (k) valid=t ready=t clustered=f replica_identity=f"), String.join("\n", dx.lines()));
            assertEquals(major >= 18, dx.lines().contains("constraint (inherited NOT NULL) on table public.p1:"
                    + " NOT NULL id local=f inherited=1"), String.join("\n", dx.lines()));
        } finally {
            x.drop();
            y.drop();
        }
    }

    @ParameterizedTest
    @MethodSource("majors")
    void tableColumnOrderIsLeftOutOnlyWhenAsked(int major) throws SQLException {
        TestDatabase x = TestPostgres.freshDatabase(major);
        TestDatabase y = TestPostgres.freshDatabase(major);
        try {
            x.execute("CREATE TABLE t (a int, b int); CREATE TYPE pair AS (a int, b int);"
                    + " CREATE VIEW v AS SELECT a, b FROM t");
            y.execute("CREATE TABLE t (b int, a int); CREATE TYPE pair AS (b int, a int);"
                    + " CREATE VIEW v AS SELECT a, b FROM t");
            assertEquals(List.of("- column order of composite type public.pair: a, b",
                            "+ column order of composite type public.pair: b, a",
                            "- column order of table public.t: a, b",
                            "+ column order of table public.t: b, a"),
                    describe(y).differencesFrom(describe(x)));
            assertEquals(List.of("- column order of composite type public.pair: a, b",
                            "+ column order of composite type public.pair: b, a"),
                    describe(y).withoutTableColumnOrder().differencesFrom(describe(x).withoutTableColumnOrder()));
        } finally {
            x.drop();
            y.drop();
        }
    }

    @Test
    void refusesAConnectionInATransaction() throws SQLException {
        TestDatabase db = TestPostgres.freshDatabase(TestPostgres.majors().get(0));
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            assertThrows(IllegalStateException.class, () -> CatalogOracle.describe(c, SCHEMAS));
        } finally {
            db.drop();
        }
    }

    @Test
    void sharesNoCodeWithTheEngine() throws IOException {
        for (String source : List.of("CatalogOracle.java", "CatalogDescription.java")) {
            String text = Files.readString(Path.of("src/test/java/io/postkit/core/testing").resolve(source));
            assertFalse(text.contains("import io.postkit"), source + " imports postkit code");
            assertFalse(text.replaceAll("\\{@code io\\.postkit\\.core\\.internal}", "")
                    .contains("io.postkit.core.internal"), source + " refers to io.postkit.core.internal");
        }
    }

    private static TestDatabase databaseWithBase(int major) throws SQLException {
        try (Connection c = TestPostgres.server(major).connect("postgres"); Statement s = c.createStatement()) {
            s.execute("DO $$ BEGIN CREATE ROLE oracle_reader; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
        }
        TestDatabase db = TestPostgres.freshDatabase(major);
        db.execute(BASE);
        return db;
    }

    private static CatalogDescription describe(TestDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            return CatalogOracle.describe(c, SCHEMAS);
        }
    }
}
