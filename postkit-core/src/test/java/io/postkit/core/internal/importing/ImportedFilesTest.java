package io.postkit.core.internal.importing;

import io.postkit.core.internal.diff.OwnerRule;
import io.postkit.core.internal.diff.SchemaDiff;
import io.postkit.core.internal.model.Column;
import io.postkit.core.internal.model.ColumnRef;
import io.postkit.core.internal.model.CommentTarget;
import io.postkit.core.internal.model.Constraint;
import io.postkit.core.internal.model.ConstraintType;
import io.postkit.core.internal.model.QualifiedName;
import io.postkit.core.internal.model.SchemaModel;
import io.postkit.core.internal.model.Sequence;
import io.postkit.core.internal.model.SequenceOptions;
import io.postkit.core.internal.model.Table;
import io.postkit.core.internal.model.View;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ImportedFilesTest {

    private static final SequenceOptions SERIAL = new SequenceOptions("integer", 1, 1, 1, 2147483647, 1, false);

    @Test
    void aFileIsNamedByItsNumberAndTheObjectsNameInCharactersEveryFileSystemTakes() {
        assertEquals("0007_billing.Orders-2025.sql", ImportedFiles.fileName(7, 4, "billing.Orders-2025"));
        assertEquals("0001_weird_name__x__.sql", ImportedFiles.fileName(1, 4, "weird/name \"x\"?"));
        assertEquals("0001_" + "a".repeat(100) + ".sql", ImportedFiles.fileName(1, 4, "a".repeat(150)));
        assertEquals("10000_t.sql", ImportedFiles.fileName(10000, 5, "t"));
    }

    /**
     * Numbers follow dependency order, not names: the partition {@code a_2025} after its parent {@code z_events},
     * the view {@code a_recent} after the view {@code b_all} it reads. A serial column's sequence is in its table's
     * file, which is numbered by the table; a sequence no column owns has a file of its own.
     */
    @Test
    void filesAreNumberedInDependencyOrderWithinTheirFolder() {
        QualifiedName events = QualifiedName.of("public", "z_events");
        QualifiedName partition = QualifiedName.of("public", "a_2025");
        Table parent = new Table(events, List.of(Column.of("id", "integer", true,
                "nextval('public.z_events_id_seq'::regclass)"), Column.of("at", "date", true, null)), List.of(),
                List.of(), false, false, false, "RANGE (at)", null, List.of(), List.of());
        Table child = new Table(partition, List.of(), List.of(), List.of(), false, false, false, null,
                new Table.PartitionOf(events, "FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')"), List.of(),
                List.of());
        Table notes = new Table(QualifiedName.of("billing", "notes"), List.of(Column.of("id", "integer", true, null)),
                List.of(Constraint.of("notes_pkey", ConstraintType.PRIMARY_KEY, "PRIMARY KEY (id)")), List.of());
        Sequence serial = new Sequence(QualifiedName.of("public", "z_events_id_seq"), SERIAL, new ColumnRef(events, "id"));
        Sequence counter = new Sequence(QualifiedName.of("public", "counter"), SERIAL, null);
        View all = new View(QualifiedName.of("public", "b_all"), List.of(), "SELECT 1 AS one", List.of(), Set.of());
        View recent = new View(QualifiedName.of("public", "a_recent"), List.of(), "SELECT one FROM public.b_all",
                List.of(), Set.of("public.b_all"));
        SchemaModel model = SchemaModel.of(Set.of("public", "billing"),
                Map.of(events, parent, partition, child, notes.name(), notes),
                Map.of(serial.name(), serial, counter.name(), counter), Map.of(all.name(), all, recent.name(), recent),
                Map.of(CommentTarget.of(CommentTarget.Kind.TABLE, events), "Events by day"));

        SortedMap<String, String> files = ImportedFiles.of(SchemaDiff.between(SchemaModel.empty(), model,
                OwnerRule.IGNORED), new ImportLayout(model), Map.of());

        assertEquals(List.of("infra/0002_schemas.sql", "sequences/0001_counter.sql", "tables/0001_billing.notes.sql",
                "tables/0002_z_events.sql", "tables/0003_a_2025.sql", "views/0001_b_all.sql",
                "views/0002_a_recent.sql"), List.copyOf(files.keySet()));
        assertEquals("""
                CREATE SEQUENCE "public"."z_events_id_seq" AS integer INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 \
                START WITH 1 CACHE 1 NO CYCLE;

                CREATE TABLE "public"."z_events" (
                    "id" integer DEFAULT nextval('public.z_events_id_seq'::regclass) NOT NULL,
                    "at" date NOT NULL
                ) PARTITION BY RANGE (at);

                ALTER SEQUENCE "public"."z_events_id_seq" OWNED BY "public"."z_events"."id";

                COMMENT ON TABLE "public"."z_events" IS 'Events by day';
                """, files.get("tables/0002_z_events.sql"));
        assertEquals("""
                CREATE SCHEMA IF NOT EXISTS "billing";

                CREATE SCHEMA IF NOT EXISTS "public";
                """, files.get("infra/0002_schemas.sql"));
    }
}
