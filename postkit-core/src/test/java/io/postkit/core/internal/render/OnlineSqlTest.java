package io.postkit.core.internal.render;

import io.postkit.core.internal.diff.SchemaChange;
import io.postkit.core.internal.model.Column;
import io.postkit.core.internal.model.Constraint;
import io.postkit.core.internal.model.ConstraintType;
import io.postkit.core.internal.model.Index;
import io.postkit.core.internal.model.QualifiedName;
import io.postkit.core.internal.model.Table;
import io.postkit.core.internal.plan.MigrationParts;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OnlineSqlTest {

    private static final QualifiedName ORDERS = QualifiedName.of("public", "orders");
    private static final RenderOptions ONLINE = new RenderOptions(true, Set.of(QualifiedName.of("public", "events")),
            Set.of());

    private static List<String> sql(List<PlannedStatement> statements) {
        return statements.stream().map(PlannedStatement::sql).toList();
    }

    @Test
    void indexesOnExistingTablesAreBuiltConcurrentlyOutsideATransaction() {
        List<PlannedStatement> plan = SqlRenderer.renderAll(List.of(new SchemaChange.CreateIndex(ORDERS,
                new Index("orders_email", "CREATE UNIQUE INDEX orders_email ON public.orders USING btree (email)"))),
                ONLINE);
        assertEquals(List.of("CREATE UNIQUE INDEX CONCURRENTLY orders_email ON public.orders USING btree (email)"),
                sql(plan));
        assertFalse(plan.get(0).transactional());
        assertEquals(Set.of(Hazard.NON_TRANSACTIONAL), plan.get(0).hazards());
    }

    @Test
    void partitionedTablesAndNewTablesKeepPlainStatements() {
        Index index = new Index("events_at", "CREATE INDEX events_at ON public.events USING btree (at)");
        assertEquals(List.of(index.definition()), sql(SqlRenderer.renderAll(List.of(
                new SchemaChange.CreateIndex(QualifiedName.of("public", "events"), index)), ONLINE)));
        Table fresh = new Table(ORDERS, List.of(Column.of("email", "text", false, null)), List.of(), List.of());
        List<PlannedStatement> created = SqlRenderer.renderAll(List.of(new SchemaChange.CreateTable(fresh),
                new SchemaChange.CreateIndex(ORDERS, new Index("orders_email",
                        "CREATE INDEX orders_email ON public.orders USING btree (email)"))), ONLINE);
        assertTrue(created.stream().allMatch(PlannedStatement::transactional), sql(created).toString());
    }

    @Test
    void foreignKeysAndChecksAreAddedNotValidThenValidatedApart() {
        Constraint fk = new Constraint("orders_customer_fkey", ConstraintType.FOREIGN_KEY,
                "FOREIGN KEY (customer_id) REFERENCES public.customers(id)", QualifiedName.of("public", "customers"));
        List<PlannedStatement> plan = SqlRenderer.renderAll(List.of(new SchemaChange.AddConstraint(ORDERS, fk)),
                ONLINE);
        assertEquals(List.of("ALTER TABLE \"public\".\"orders\" ADD CONSTRAINT \"orders_customer_fkey\" FOREIGN KEY"
                        + " (customer_id) REFERENCES public.customers(id) NOT VALID",
                "ALTER TABLE \"public\".\"orders\" VALIDATE CONSTRAINT \"orders_customer_fkey\""), sql(plan));
        assertTrue(plan.get(0).transactional());
        assertFalse(plan.get(1).transactional());
        assertTrue(plan.get(1).hazards().contains(Hazard.VALIDATION_SCAN));
    }

    @Test
    void keysUseAnIndexBuiltConcurrently() {
        Constraint pk = Constraint.of("orders_pkey", ConstraintType.PRIMARY_KEY, "PRIMARY KEY (id)");
        assertEquals(List.of("CREATE UNIQUE INDEX CONCURRENTLY \"orders_pkey\" ON \"public\".\"orders\" (id)",
                "ALTER TABLE \"public\".\"orders\" ADD CONSTRAINT \"orders_pkey\" PRIMARY KEY USING INDEX"
                        + " \"orders_pkey\""),
                sql(SqlRenderer.renderAll(List.of(new SchemaChange.AddConstraint(ORDERS, pk)), ONLINE)));
        Constraint deferrable = Constraint.of("orders_code_key", ConstraintType.UNIQUE,
                "UNIQUE (code) DEFERRABLE INITIALLY DEFERRED");
        assertEquals(List.of("ALTER TABLE \"public\".\"orders\" ADD CONSTRAINT \"orders_code_key\" UNIQUE (code)"
                        + " DEFERRABLE INITIALLY DEFERRED"),
                sql(SqlRenderer.renderAll(List.of(new SchemaChange.AddConstraint(ORDERS, deferrable)), ONLINE)),
                "a key an index cannot stand in for keeps its plain form");
    }

    @Test
    void setNotNullGoesThroughAValidatedCheck() {
        Column nullable = Column.of("email", "text", false, null);
        Column required = Column.of("email", "text", true, null);
        List<PlannedStatement> plan = SqlRenderer.renderAll(List.of(new SchemaChange.AlterColumn(ORDERS, nullable,
                required)), ONLINE);
        assertEquals(List.of(
                "ALTER TABLE \"public\".\"orders\" ADD CONSTRAINT \"postkit_not_null_email\" CHECK (\"email\" IS NOT"
                        + " NULL) NOT VALID",
                "ALTER TABLE \"public\".\"orders\" VALIDATE CONSTRAINT \"postkit_not_null_email\"",
                "ALTER TABLE \"public\".\"orders\" ALTER COLUMN \"email\" SET NOT NULL",
                "ALTER TABLE \"public\".\"orders\" DROP CONSTRAINT \"postkit_not_null_email\""), sql(plan));
    }

    @Test
    void statementsOnTablesWithoutRowsCarryNoRowHazardsAndStayPlain() {
        Constraint check = Constraint.of("orders_total_check", ConstraintType.CHECK, "CHECK ((total > 0))");
        List<PlannedStatement> plan = SqlRenderer.renderAll(List.of(new SchemaChange.AddConstraint(ORDERS, check)),
                new RenderOptions(true, Set.of(), Set.of(ORDERS)));
        assertEquals(1, plan.size());
        assertEquals(Set.of(), plan.get(0).hazards());
        assertTrue(plan.get(0).transactional());
    }

    @Test
    void offlineRenderingIsUnchanged() {
        Index index = new Index("orders_email", "CREATE INDEX orders_email ON public.orders USING btree (email)");
        List<PlannedStatement> plan = SqlRenderer.renderAll(List.of(new SchemaChange.CreateIndex(ORDERS, index)));
        assertEquals(List.of(index.definition()), sql(plan));
        assertTrue(plan.get(0).hazards().contains(Hazard.LONG_LOCK));
    }

    @Test
    void aPlanIsCutWhereTransactionalAndNonTransactionalStatementsMeet() {
        PlannedStatement a = new PlannedStatement("A", "table", "a", Set.of(), true);
        PlannedStatement b = new PlannedStatement("B", "index", "b", Set.of(Hazard.NON_TRANSACTIONAL), false);
        PlannedStatement c = new PlannedStatement("C", "index", "c", Set.of(Hazard.NON_TRANSACTIONAL), false);
        PlannedStatement d = new PlannedStatement("D", "table", "d", Set.of(), true);
        List<MigrationParts.Part> parts = MigrationParts.of(List.of(SqlRenderer.SKIP_BODY_CHECKS, a, b, c, d));
        assertEquals(3, parts.size());
        assertEquals(List.of(SqlRenderer.SKIP_BODY_CHECKS, a), parts.get(0).statements());
        assertEquals(List.of(b, c), parts.get(1).statements());
        assertFalse(parts.get(1).transactional());
        assertEquals(List.of(SqlRenderer.SKIP_BODY_CHECKS, d), parts.get(2).statements(),
                "each transactional part sets what the plan's transaction would have");
        assertEquals(1, MigrationParts.of(List.of(a, d)).size());
    }
}
