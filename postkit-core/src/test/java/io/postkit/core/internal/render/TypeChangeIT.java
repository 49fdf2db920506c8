package io.postkit.core.internal.render;

import io.postkit.core.internal.diff.SchemaChange;
import io.postkit.core.internal.model.Column;
import io.postkit.core.internal.model.QualifiedName;
import io.postkit.core.testing.TestDatabase;
import io.postkit.core.testing.TestPostgres;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

import static io.postkit.core.internal.sql.Identifiers.literal;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The TABLE_REWRITE hazard of a column type change is a prediction; here PostgreSQL's own behaviour checks it: a
 * rewrite gives the table a new relfilenode.
 */
class TypeChangeIT {

    record Change(String from, String to, String value) {
        @Override
        public String toString() {
            return from + " -> " + to;
        }
    }

    private static final List<Change> CHANGES = List.of(
            new Change("character varying(10)", "character varying(50)", "abc"),
            new Change("character varying(10)", "text", "abc"),
            new Change("text", "character varying", "abc"),
            new Change("character varying(50)", "character varying(10)", "abc"),
            new Change("text", "character varying(10)", "abc"),
            new Change("numeric(10,2)", "numeric(12,2)", "1.25"),
            new Change("numeric(10,2)", "numeric", "1.25"),
            new Change("numeric(10,4)", "numeric(12,2)", "1.2345"),
            new Change("numeric(12,2)", "integer", "3.50"),
            new Change("integer", "bigint", "7"),
            new Change("text", "integer", "12"),
            new Change("timestamp(3) without time zone", "timestamp without time zone", "2024-01-02 03:04:05.123"),
            new Change("timestamp without time zone", "timestamp(6) without time zone", "2024-01-02 03:04:05"),
            new Change("timestamp without time zone", "timestamp(3) without time zone", "2024-01-02 03:04:05.123456"),
            new Change("timestamp without time zone", "timestamp with time zone", "2024-01-02 03:04:05"),
            new Change("time(2) with time zone", "time(4) with time zone", "03:04:05.12+02"));

    static Stream<Arguments> changes() {
        return TestPostgres.majors().stream().flatMap(major -> CHANGES.stream().map(c -> Arguments.of(major, c)));
    }

    @ParameterizedTest(name = "PostgreSQL {0}: {1}")
    @MethodSource("changes")
    void theTableIsRewrittenExactlyWhenTheHazardSaysSo(int major, Change change) throws SQLException {
        TestDatabase db = TestPostgres.freshDatabase(major);
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            // Outside UTC, timestamp <-> timestamptz rewrites (PostgreSQL skips it in UTC only): the worst case.
            s.execute("SET TimeZone = 'Europe/Paris'");
            s.execute("CREATE TABLE t (c " + change.from() + ")");
            s.execute("INSERT INTO t VALUES (" + literal(change.value()) + ")");
            long before = filenode(s);
            PlannedStatement alter = SqlRenderer.render(new SchemaChange.AlterColumn(QualifiedName.of("public", "t"),
                    Column.of("c", change.from(), false, null), Column.of("c", change.to(), false, null)));
            s.execute(alter.sql());
            assertEquals(alter.hazards().contains(Hazard.TABLE_REWRITE), filenode(s) != before, alter.sql());
        } finally {
            db.drop();
        }
    }

    private static long filenode(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT pg_relation_filenode('public.t')")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
