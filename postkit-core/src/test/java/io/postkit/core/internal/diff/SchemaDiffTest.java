package io.postkit.core.internal.diff;

import io.postkit.core.internal.model.Column;
import io.postkit.core.internal.model.ColumnRef;
import io.postkit.core.internal.model.Constraint;
import io.postkit.core.internal.model.ConstraintType;
import io.postkit.core.internal.model.Identity;
import io.postkit.core.internal.model.Index;
import io.postkit.core.internal.model.QualifiedName;
import io.postkit.core.internal.model.SchemaModel;
import io.postkit.core.internal.model.Sequence;
import io.postkit.core.internal.model.SequenceOptions;
import io.postkit.core.internal.model.Table;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static io.postkit.core.internal.diff.SchemaModels.column;
import static io.postkit.core.internal.diff.SchemaModels.fk;
import static io.postkit.core.internal.diff.SchemaModels.model;
import static io.postkit.core.internal.diff.SchemaModels.name;
import static io.postkit.core.internal.diff.SchemaModels.pk;
import static io.postkit.core.internal.diff.SchemaModels.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SchemaDiffTest {

    private static final Table CUSTOMERS = table("customers", List.of(column("id", "bigint")),
            List.of(pk("customers_pkey", "id")), List.of());
    private static final Table ORDERS = table("orders",
            List.of(column("id", "bigint"), column("customer_id", "bigint")),
            List.of(pk("orders_pkey", "id"), fk("orders_customer_id_fkey", "customer_id", "customers")),
            List.of(new Index("orders_customer_idx",
                    "CREATE INDEX orders_customer_idx ON public.orders USING btree (customer_id)")));

    @Test
    void aModelAgainstItselfHasNoChanges() {
        SchemaModel model = model(List.of(CUSTOMERS, ORDERS), List.of());
        assertEquals(List.of(), SchemaDiff.between(model, model));
    }

    @Test
    void aNewTableComesWithItsKeysIndexesAndForeignKeysInDependencyOrder() {
        List<SchemaChange> changes = SchemaDiff.between(model(List.of(CUSTOMERS), List.of()),
                model(List.of(CUSTOMERS, ORDERS), List.of()));
        assertEquals(List.of(
                new SchemaChange.CreateTable(ORDERS),
                new SchemaChange.AddConstraint(name("orders"), ORDERS.constraints().get(0)),
                new SchemaChange.CreateIndex(name("orders"), ORDERS.indexes().get(0)),
                new SchemaChange.AddConstraint(name("orders"), ORDERS.constraints().get(1))), changes);
    }

    @Test
    void droppingTablesDropsTheirForeignKeysFirst() {
        List<SchemaChange> changes = SchemaDiff.between(model(List.of(CUSTOMERS, ORDERS), List.of()),
                model(List.of(), List.of()));
        assertEquals(List.of(
                new SchemaChange.DropConstraint(name("orders"), ORDERS.constraints().get(1)),
                new SchemaChange.DropTable(name("customers")),
                new SchemaChange.DropTable(name("orders"))), changes);
    }

    @Test
    void columnsAreAddedDroppedAndAlteredInPlace() {
        Table current = table("t", List.of(column("a", "integer"), column("b", "text"),
                column("c", "character varying(10)")), List.of(), List.of());
        Column widened = column("c", "character varying(50)");
        Column added = Column.of("d", "text", true, "'x'::text");
        Table desired = table("t", List.of(column("a", "integer"), widened, added), List.of(), List.of());
        List<SchemaChange> changes = SchemaDiff.between(model(List.of(current), List.of()),
                model(List.of(desired), List.of()));
        assertEquals(List.of(
                new SchemaChange.DropColumn(name("t"), "b"),
                new SchemaChange.AlterColumn(name("t"), current.columns().get(2), widened),
                new SchemaChange.AddColumn(name("t"), added)), changes);
    }

    @Test
    void aChangedConstraintIsDroppedAndAddedAgain() {
        Table current = table("t", List.of(column("n", "integer")), List.of(
                io.postkit.core.internal.model.Constraint.of("t_n_check", io.postkit.core.internal.model.ConstraintType.CHECK,
                        "CHECK ((n > 0))")), List.of());
        Table desired = table("t", List.of(column("n", "integer")), List.of(
                io.postkit.core.internal.model.Constraint.of("t_n_check", io.postkit.core.internal.model.ConstraintType.CHECK,
                        "CHECK ((n >= 0))")), List.of());
        List<SchemaChange> changes = SchemaDiff.between(model(List.of(current), List.of()),
                model(List.of(desired), List.of()));
        assertEquals(List.of(new SchemaChange.DropConstraint(name("t"), current.constraints().get(0)),
                new SchemaChange.AddConstraint(name("t"), desired.constraints().get(0))), changes);
    }

    @Test
    void foreignKeysAreRebuiltAroundAReplacedPrimaryKey() {
        Table customersNewKey = table("customers", List.of(column("id", "bigint")),
                List.of(pk("customers_pkey", "id, id2")), List.of());
        List<SchemaChange> changes = SchemaDiff.between(model(List.of(CUSTOMERS, ORDERS), List.of()),
                model(List.of(customersNewKey, ORDERS), List.of()));
        List<Phase> phases = changes.stream().map(SchemaChange::phase).toList();
        assertEquals(List.of(Phase.DROP_FOREIGN_KEY, Phase.DROP_CONSTRAINT, Phase.ADD_CONSTRAINT,
                Phase.ADD_FOREIGN_KEY), phases);
        assertEquals(new SchemaChange.AddConstraint(name("orders"), ORDERS.constraints().get(1)), changes.get(3));
    }

    @Test
    void foreignKeysAreRebuiltAroundARecreatedUniqueIndexTheyMayDependOn() {
        Table codes = table("codes", List.of(column("code", "text")), List.of(), List.of(new Index("codes_code",
                "CREATE UNIQUE INDEX codes_code ON public.codes USING btree (code)")));
        Table codesNewIndex = table("codes", codes.columns(), List.of(), List.of(new Index("codes_code",
                "CREATE UNIQUE INDEX codes_code ON public.codes USING btree (code) INCLUDE (id)")));
        Table users = table("users", List.of(column("code", "text")), List.of(new Constraint("users_code_fkey",
                ConstraintType.FOREIGN_KEY, "FOREIGN KEY (code) REFERENCES public.codes(code)", name("codes"))),
                List.of());
        List<SchemaChange> changes = SchemaDiff.between(model(List.of(codes, users), List.of()),
                model(List.of(codesNewIndex, users), List.of()));
        assertEquals(List.of(new SchemaChange.DropConstraint(name("users"), users.constraints().get(0)),
                new SchemaChange.DropIndex(name("codes_code")),
                new SchemaChange.CreateIndex(name("codes"), codesNewIndex.indexes().get(0)),
                new SchemaChange.AddConstraint(name("users"), users.constraints().get(0))), changes);
    }

    @Test
    void aPlainIndexBeingRecreatedLeavesForeignKeysAlone() {
        Table desired = table("customers", CUSTOMERS.columns(), CUSTOMERS.constraints(), List.of(new Index("c_idx",
                "CREATE INDEX c_idx ON public.customers USING btree (id DESC)")));
        Table current = table("customers", CUSTOMERS.columns(), CUSTOMERS.constraints(), List.of(new Index("c_idx",
                "CREATE INDEX c_idx ON public.customers USING btree (id)")));
        List<SchemaChange> changes = SchemaDiff.between(model(List.of(current, ORDERS), List.of()),
                model(List.of(desired, ORDERS), List.of()));
        assertEquals(List.of(Phase.DROP_INDEX, Phase.CREATE_INDEX), changes.stream().map(SchemaChange::phase).toList());
    }

    @Test
    void aForeignKeyToADroppedTableIsDroppedBeforeThatTable() {
        Table ordersWithoutFk = table("orders", ORDERS.columns(), List.of(ORDERS.constraints().get(0)),
                ORDERS.indexes());
        List<SchemaChange> changes = SchemaDiff.between(model(List.of(CUSTOMERS, ORDERS), List.of()),
                model(List.of(ordersWithoutFk), List.of()));
        assertEquals(List.of(new SchemaChange.DropConstraint(name("orders"), ORDERS.constraints().get(1)),
                new SchemaChange.DropTable(name("customers"))), changes);
    }

    @Test
    void aSerialSequenceIsCreatedBeforeItsTableAndOwnedAfterIt() {
        SequenceOptions options = new SequenceOptions("bigint", 1, 1, 1, Long.MAX_VALUE, 1, false);
        Sequence seq = new Sequence(name("t_id_seq"), options, new ColumnRef(name("t"), "id"));
        Table t = table("t", List.of(Column.of("id", "bigint", true,
                "nextval('public.t_id_seq'::regclass)")), List.of(), List.of());
        List<SchemaChange> changes = SchemaDiff.between(model(List.of(), List.of()), model(List.of(t), List.of(seq)));
        assertEquals(List.of(new SchemaChange.CreateSequence(seq), new SchemaChange.CreateTable(t),
                new SchemaChange.SetSequenceOwner(seq)), changes);
    }

    @Test
    void aSequenceOwnedByADroppedTableIsNotDroppedSeparately() {
        SequenceOptions options = new SequenceOptions("bigint", 1, 1, 1, Long.MAX_VALUE, 1, false);
        Sequence seq = new Sequence(name("t_id_seq"), options, new ColumnRef(name("t"), "id"));
        Table t = table("t", List.of(column("id", "bigint")), List.of(), List.of());
        List<SchemaChange> changes = SchemaDiff.between(model(List.of(t), List.of(seq)), model(List.of(), List.of()));
        assertEquals(List.of(new SchemaChange.DropTable(name("t"))), changes);
    }

    @Test
    void identityOptionsAreCompared() {
        SequenceOptions one = new SequenceOptions("integer", 1, 1, 1, Integer.MAX_VALUE, 1, false);
        SequenceOptions hundred = new SequenceOptions("integer", 100, 1, 1, Integer.MAX_VALUE, 1, false);
        Column a = new Column("id", "integer", true, null, Identity.ALWAYS, one, null);
        Column b = new Column("id", "integer", true, null, Identity.ALWAYS, hundred, null);
        assertTrue(ColumnDiff.differs(a, b));
    }

    @Test
    void newSchemasAreCreatedAndPublicIsNeverDropped() {
        SchemaModel current = SchemaModel.of(Set.of("public", "old"), java.util.Map.of(), java.util.Map.of());
        SchemaModel desired = SchemaModel.of(Set.of("billing"), java.util.Map.of(), java.util.Map.of());
        assertEquals(List.of(new SchemaChange.CreateSchema("billing"), new SchemaChange.DropSchema("old")),
                SchemaDiff.between(current, desired));
    }

    @Test
    void anIndexWithANewDefinitionIsRecreated() {
        Table desired = table("orders", ORDERS.columns(), ORDERS.constraints(), List.of(new Index(
                "orders_customer_idx", "CREATE INDEX orders_customer_idx ON public.orders USING btree (customer_id, id)")));
        List<SchemaChange> changes = SchemaDiff.between(model(List.of(CUSTOMERS, ORDERS), List.of()),
                model(List.of(CUSTOMERS, desired), List.of()));
        assertEquals(List.of(new SchemaChange.DropIndex(QualifiedName.of("public", "orders_customer_idx")),
                new SchemaChange.CreateIndex(name("orders"), desired.indexes().get(0))), changes);
    }

    @Test
    void commentsOfDroppedObjectsGoWithThemAndOthersAreRemovedExplicitly() {
        var onCustomers = io.postkit.core.internal.model.CommentTarget.of(io.postkit.core.internal.model.CommentTarget.Kind.TABLE,
                name("customers"));
        var onOrders = io.postkit.core.internal.model.CommentTarget.of(io.postkit.core.internal.model.CommentTarget.Kind.TABLE,
                name("orders"));
        SchemaModel current = SchemaModel.of(Set.of("public"),
                java.util.Map.of(name("customers"), CUSTOMERS, name("orders"), ORDERS), java.util.Map.of(),
                java.util.Map.of(onCustomers, "people", onOrders, "sales"));
        SchemaModel desired = SchemaModel.of(Set.of("public"), java.util.Map.of(name("customers"), CUSTOMERS),
                java.util.Map.of(), java.util.Map.of());
        List<SchemaChange> changes = SchemaDiff.between(current, desired);
        assertEquals(List.of(new SchemaChange.DropConstraint(name("orders"), ORDERS.constraints().get(1)),
                new SchemaChange.DropTable(name("orders")), new SchemaChange.SetComment(onCustomers, null)),
                changes, "the dropped table's comment goes with it");
    }

    @Test
    void aNewGenerationExpressionIsAnErrorNamingTheColumn() {
        Column before = new Column("total", "numeric", false, "(a * b)", Identity.NONE, null, null,
                io.postkit.core.internal.model.Generated.STORED);
        Column after = new Column("total", "numeric", false, "(a + b)", Identity.NONE, null, null,
                io.postkit.core.internal.model.Generated.STORED);
        io.postkit.core.api.PostkitException e = org.junit.jupiter.api.Assertions.assertThrows(
                io.postkit.core.api.PostkitException.class, () -> SchemaDiff.between(
                        model(List.of(table("t", List.of(before), List.of(), List.of())), List.of()),
                        model(List.of(table("t", List.of(after), List.of(), List.of())), List.of())));
        assertEquals("Column public.t.total: postkit cannot change a generation expression (or make a column"
                + " generated) in place yet. Write the change as a manual migration.", e.getMessage());
    }
}
