package io.postkit.core.internal.clone;

import io.postkit.core.testing.TestDatabase;
import io.postkit.core.testing.TestPostgres;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The stamp changes with every change of schema and with none of the changes a live database goes through all day
 * (rows, sequence positions, vacuum, analyze): a template is reused exactly when a clone would come out the same.
 */
class CatalogStampIT {

    static List<Integer> majors() {
        return TestPostgres.majors();
    }

    private static final String SCHEMA = """
            CREATE TABLE parent (id serial PRIMARY KEY, name text NOT NULL);
            CREATE TABLE child (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                                parent_id int REFERENCES parent (id), note text);
            CREATE INDEX child_parent ON child (parent_id);
            CREATE VIEW named AS SELECT id, name FROM parent;
            CREATE FUNCTION shout(t text) RETURNS text LANGUAGE sql AS 'SELECT upper(t)';
            INSERT INTO parent (name) SELECT 'p' || g FROM generate_series(1, 500) g;
            INSERT INTO child (parent_id, note) SELECT 1 + g % 500, 'n' || g FROM generate_series(1, 2000) g;
            """;

    @ParameterizedTest
    @MethodSource("majors")
    void rowsAndMaintenanceLeaveTheStampAlone(int major) throws Exception {
        TestDatabase db = TestPostgres.freshDatabase(major);
        db.execute(SCHEMA);
        String before = stamp(db);
        db.execute("INSERT INTO parent (name) VALUES ('new'); UPDATE child SET note = 'changed' WHERE id < 100;"
                + " DELETE FROM child WHERE id > 1900; SELECT nextval('parent_id_seq')");
        db.execute("ANALYZE");
        db.execute("VACUUM");
        db.execute("VACUUM FREEZE parent");
        assertEquals(before, stamp(db), "rows, sequence positions, ANALYZE and VACUUM are no change of schema");
    }

    @ParameterizedTest
    @MethodSource("majors")
    void everyChangeOfSchemaChangesTheStamp(int major) throws Exception {
        TestDatabase db = TestPostgres.freshDatabase(major);
        db.execute(SCHEMA);
        List<String> changes = List.of(
                "ALTER TABLE child ADD COLUMN extra int",
                "ALTER TABLE child ALTER COLUMN note SET DEFAULT 'x'",
                "COMMENT ON COLUMN parent.name IS 'the name'",
                "CREATE INDEX parent_name ON parent (name)",
                "ALTER TABLE parent SET (fillfactor = 70)",
                "CREATE OR REPLACE FUNCTION shout(t text) RETURNS text LANGUAGE sql AS 'SELECT upper(t) || ''!'''",
                "CREATE OR REPLACE VIEW named AS SELECT id, name, 1 AS one FROM parent",
                "ALTER SEQUENCE parent_id_seq INCREMENT BY 2",
                "CREATE ROLE stamp_reader_" + major,
                "GRANT SELECT ON parent TO stamp_reader_" + major,
                "ALTER TABLE child DROP CONSTRAINT child_parent_id_fkey");
        String previous = stamp(db);
        for (String change : changes) {
            db.execute(change);
            String now = stamp(db);
            assertNotEquals(previous, now, "the stamp must change with: " + change);
            previous = now;
        }
        db.execute("REVOKE ALL ON parent FROM stamp_reader_" + major + "; DROP ROLE stamp_reader_" + major);
    }

    private static String stamp(TestDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            return CatalogStamp.read(c);
        }
    }
}
