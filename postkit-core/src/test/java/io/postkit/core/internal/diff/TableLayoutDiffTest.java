package io.postkit.core.internal.diff;

import io.postkit.core.api.PostkitException;
import io.postkit.core.internal.model.Column;
import io.postkit.core.internal.model.QualifiedName;
import io.postkit.core.internal.model.SchemaModel;
import io.postkit.core.internal.model.Table;
import io.postkit.core.internal.render.PlannedStatement;
import io.postkit.core.internal.render.SqlRenderer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.postkit.core.internal.diff.SchemaModels.column;
import static io.postkit.core.internal.diff.SchemaModels.model;
import static io.postkit.core.internal.diff.SchemaModels.name;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Partitioning, inheritance and storage parameters: diff and rendering without a database. */
class TableLayoutDiffTest {

    private static final List<Column> EVENT_COLUMNS = List.of(column("id", "bigint"), column("at", "date"));

    private static Table parent(String partitionBy) {
        return new Table(name("events"), EVENT_COLUMNS, List.of(), List.of(), false, false, false, partitionBy, null,
                List.of(), List.of());
    }

    private static Table partition(String name, String bound) {
        return new Table(name(name), List.of(), List.of(), List.of(), false, false, false, null,
                new Table.PartitionOf(name("events"), bound), List.of(), List.of());
    }

    private static Table plain(String name, List<Column> columns, List<String> storageParameters,
                               List<QualifiedName> inherits) {
        return new Table(name(name), columns, List.of(), List.of(), false, false, false, null, null, inherits,
                storageParameters);
    }

    /** Just the public schema, as every model here has. */
    private static final SchemaModel NO_TABLES = model(List.of(), List.of());

    /** The plan's SQL without the privileges creation may give (they have tests of their own). */
    private static List<String> sql(SchemaModel from, SchemaModel to) {
        return SqlRenderer.renderAll(SchemaDiff.between(from, to)).stream().map(PlannedStatement::sql)
                .filter(s -> !s.startsWith("REVOKE")).toList();
    }

    @Test
    void partitionsAreCreatedAfterTheirParentWhateverTheirNames() {
        SchemaModel desired = model(List.of(partition("a_2025", "FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')"),
                parent("RANGE (at)")), List.of());
        assertEquals(List.of(
                "CREATE TABLE \"public\".\"events\" (\n    \"id\" bigint,\n    \"at\" date\n) PARTITION BY RANGE (at)",
                "CREATE TABLE \"public\".\"a_2025\" PARTITION OF \"public\".\"events\""
                        + " FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')"),
                sql(NO_TABLES, desired));
    }

    /** A partition's own default and NOT NULL: set after it is created, and after its parent's change reached it. */
    @Test
    void aPartitionKeepsItsOwnDefaultsAndNotNull() {
        Table own = partition("p_open", "DEFAULT").withColumns(List.of(Column.of("at", "date", true,
                "CURRENT_DATE")));
        SchemaModel desired = model(List.of(parent("RANGE (at)"), own), List.of());
        assertEquals(List.of(
                "CREATE TABLE \"public\".\"events\" (\n    \"id\" bigint,\n    \"at\" date\n) PARTITION BY RANGE (at)",
                "CREATE TABLE \"public\".\"p_open\" PARTITION OF \"public\".\"events\" DEFAULT",
                "ALTER TABLE \"public\".\"p_open\" ALTER COLUMN \"at\" SET DEFAULT CURRENT_DATE,"
                        + " ALTER COLUMN \"at\" SET NOT NULL"), sql(NO_TABLES, desired));
        assertEquals(List.of(), sql(desired, desired));

        Table parentWithDefault = parent("RANGE (at)").withColumns(List.of(column("id", "bigint"),
                Column.of("at", "date", false, "'2000-01-01'::date")));
        assertEquals(List.of("ALTER TABLE \"public\".\"events\" ALTER COLUMN \"at\" SET DEFAULT '2000-01-01'::date",
                "ALTER TABLE \"public\".\"p_open\" ALTER COLUMN \"at\" SET DEFAULT CURRENT_DATE"),
                sql(desired, model(List.of(parentWithDefault, own), List.of())),
                "the parent's new default reaches the partition, which then gets its own again");
    }

    @Test
    void partitionsAreDroppedBeforeTheirParent() {
        SchemaModel current = model(List.of(parent("RANGE (at)"), partition("z_old", "DEFAULT")), List.of());
        assertEquals(List.of("DROP TABLE \"public\".\"z_old\"", "DROP TABLE \"public\".\"events\""),
                sql(current, NO_TABLES));
    }

    @Test
    void aTableThatBecomesAPartitionGetsItsParentsColumnsThenIsAttached() {
        SchemaModel current = model(List.of(parent("RANGE (at)"),
                plain("archive", List.of(column("id", "bigint")), List.of(), List.of())), List.of());
        SchemaModel desired = model(List.of(parent("RANGE (at)"), partition("archive", "DEFAULT")), List.of());
        List<PlannedStatement> plan = SqlRenderer.renderAll(SchemaDiff.between(current, desired));
        assertEquals(List.of("ALTER TABLE \"public\".\"archive\" ADD COLUMN \"at\" date",
                "ALTER TABLE \"public\".\"events\" ATTACH PARTITION \"public\".\"archive\" DEFAULT"),
                plan.stream().map(PlannedStatement::sql).toList());
        assertTrue(plan.get(1).hazards().contains(io.postkit.core.internal.render.Hazard.VALIDATION_SCAN));
    }

    @Test
    void aPartitionThatLeavesIsDetachedAndKeepsItsColumns() {
        SchemaModel current = model(List.of(parent("RANGE (at)"), partition("archive", "DEFAULT")), List.of());
        SchemaModel desired = model(List.of(parent("RANGE (at)"), plain("archive", EVENT_COLUMNS, List.of(),
                List.of())), List.of());
        assertEquals(List.of("ALTER TABLE \"public\".\"events\" DETACH PARTITION \"public\".\"archive\""),
                sql(current, desired));
    }

    @Test
    void aNewBoundIsADetachAndAnAttach() {
        SchemaModel current = model(List.of(parent("LIST (id)"), partition("p1", "FOR VALUES IN ('1')")),
                List.of());
        SchemaModel desired = model(List.of(parent("LIST (id)"), partition("p1", "FOR VALUES IN ('1', '2')")),
                List.of());
        assertEquals(List.of("ALTER TABLE \"public\".\"events\" DETACH PARTITION \"public\".\"p1\"",
                "ALTER TABLE \"public\".\"events\" ATTACH PARTITION \"public\".\"p1\" FOR VALUES IN ('1', '2')"),
                sql(current, desired));
    }

    @Test
    void aNewPartitionKeyIsAnErrorNamingTheTable() {
        PostkitException e = assertThrows(PostkitException.class, () -> SchemaDiff.between(
                model(List.of(parent("RANGE (at)")), List.of()), model(List.of(parent("HASH (id)")), List.of())));
        assertEquals("Table public.events: its partitioning changes from PARTITION BY RANGE (at) to PARTITION BY"
                + " HASH (id), which PostgreSQL cannot alter in place. Write a manual migration that creates the new"
                + " table, moves the rows and swaps the names.", e.getMessage());
    }

    @Test
    void inheritanceChildrenAreCreatedWithInheritsAfterTheirParent() {
        SchemaModel desired = model(List.of(plain("dogs", List.of(column("breed", "text")), List.of(),
                List.of(name("animals"))), plain("animals", List.of(column("id", "int")), List.of(), List.of())),
                List.of());
        assertEquals(List.of("CREATE TABLE \"public\".\"animals\" (\n    \"id\" int\n)",
                "CREATE TABLE \"public\".\"dogs\" (\n    \"breed\" text\n) INHERITS (\"public\".\"animals\")"),
                sql(NO_TABLES, desired));
    }

    @Test
    void newInheritanceParentsAreAnError() {
        SchemaModel current = model(List.of(plain("dogs", List.of(), List.of(), List.of())), List.of());
        SchemaModel desired = model(List.of(plain("dogs", List.of(), List.of(), List.of(name("animals")))),
                List.of());
        assertThrows(PostkitException.class, () -> SchemaDiff.between(current, desired));
    }

    @Test
    void storageParametersAreSetChangedAndReset() {
        SchemaModel current = model(List.of(plain("t", List.of(), List.of("autovacuum_enabled=false",
                "fillfactor=70"), List.of())), List.of());
        SchemaModel desired = model(List.of(plain("t", List.of(), List.of("fillfactor=80",
                "toast_tuple_target=256"), List.of())), List.of());
        assertEquals(List.of("ALTER TABLE \"public\".\"t\" SET (fillfactor=80, toast_tuple_target=256),"
                + " RESET (autovacuum_enabled)"), sql(current, desired));
    }

    @Test
    void storageParametersGoIntoCreateTable() {
        SchemaModel desired = model(List.of(plain("t", List.of(column("id", "int")), List.of("fillfactor=70"),
                List.of())), List.of());
        assertEquals(List.of("CREATE TABLE \"public\".\"t\" (\n    \"id\" int\n) WITH (fillfactor=70)"),
                sql(NO_TABLES, desired));
    }
}
