package io.postkit.core.internal.clone;

import io.postkit.core.internal.diff.OwnerRule;
import io.postkit.core.internal.diff.SchemaDiff;
import io.postkit.core.internal.model.Column;
import io.postkit.core.internal.model.Constraint;
import io.postkit.core.internal.model.ConstraintType;
import io.postkit.core.internal.model.QualifiedName;
import io.postkit.core.internal.model.SchemaModel;
import io.postkit.core.internal.model.Table;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PostDataTest {

    private static QualifiedName name(String table) {
        return QualifiedName.of("public", table);
    }

    private static Constraint fk(String name, String column, String referenced, String suffix) {
        return new Constraint(name, ConstraintType.FOREIGN_KEY, "FOREIGN KEY (" + column + ") REFERENCES public."
                + referenced + "(id)" + suffix, name(referenced));
    }

    private static final Constraint CUSTOMERS_PKEY = Constraint.of("customers_pkey", ConstraintType.PRIMARY_KEY,
            "PRIMARY KEY (id)");

    /** customers ← orders (checked), events (partitioned) ← event_refs, notes → customers not valid on the source. */
    private static SchemaModel model() {
        Column id = Column.of("id", "bigint", true, null);
        Map<QualifiedName, Table> tables = new TreeMap<>();
        tables.put(name("customers"), new Table(name("customers"), List.of(id), List.of(CUSTOMERS_PKEY), List.of()));
        tables.put(name("orders"), new Table(name("orders"), List.of(id, Column.of("customer_id", "bigint", false, null)),
                List.of(Constraint.of("orders_pkey", ConstraintType.PRIMARY_KEY, "PRIMARY KEY (id)"),
                        Constraint.of("orders_id_check", ConstraintType.CHECK, "CHECK ((id > 0))"),
                        fk("orders_customer_id_fkey", "customer_id", "customers", "")), List.of()));
        tables.put(name("notes"), new Table(name("notes"), List.of(id, Column.of("customer_id", "bigint", false, null)),
                List.of(fk("notes_customer_id_fkey", "customer_id", "customers", " NOT VALID")), List.of()));
        tables.put(name("events"), new Table(name("events"), List.of(id),
                List.of(Constraint.of("events_pkey", ConstraintType.PRIMARY_KEY, "PRIMARY KEY (id)")), List.of(),
                false, false, false, "RANGE (id)", null, List.of(), List.of()));
        tables.put(name("events_1"), new Table(name("events_1"), List.of(), List.of(), List.of(), false, false, false,
                null, new Table.PartitionOf(name("events"), "FOR VALUES FROM (0) TO (100)"), List.of(), List.of()));
        tables.put(name("event_refs"), new Table(name("event_refs"), List.of(Column.of("event_id", "bigint", false,
                null)), List.of(fk("event_refs_event_id_fkey", "event_id", "events", "")), List.of()));
        return SchemaModel.of(Set.of("public"), tables, Map.of());
    }

    private static PostData postData(Predicate<QualifiedName> complete, boolean noRows) {
        SchemaModel model = model();
        SchemaModel empty = SchemaModel.of(Set.of("public"), Map.of(), Map.of());
        return PostData.of(SchemaDiff.between(empty, model, OwnerRule.ALL), model, complete, noRows);
    }

    @Test
    void keysAndChecksAreBuiltPerTableFamilyTrustedChecksMarkedValid() {
        PostData post = postData(t -> true, false);
        assertEquals(List.of(name("customers"), name("events"), name("orders")),
                post.familyBuilds().keySet().stream().sorted().toList(), "a partition's builds go with its parent's");
        assertEquals(List.of("ALTER TABLE \"public\".\"orders\" ADD CONSTRAINT \"orders_pkey\" PRIMARY KEY (id)",
                "ALTER TABLE \"public\".\"orders\" ADD CONSTRAINT \"orders_id_check\" CHECK ((id > 0)) NOT VALID",
                "UPDATE pg_catalog.pg_constraint SET convalidated = true WHERE (conrelid, conname) IN"
                        + " (('\"public\".\"orders\"'::regclass, 'orders_id_check'))"),
                post.familyBuilds().get(name("orders")));
    }

    @Test
    void foreignKeysBetweenCompletePlainTablesAreMarkedValidOthersValidatedEachAlone() {
        assertEquals(List.of(
                List.of("LOCK TABLE \"public\".\"event_refs\", \"public\".\"events\" IN SHARE ROW EXCLUSIVE MODE",
                        "ALTER TABLE \"public\".\"event_refs\" ADD CONSTRAINT \"event_refs_event_id_fkey\" FOREIGN KEY"
                        + " (event_id) REFERENCES public.events(id)"),
                List.of("LOCK TABLE \"public\".\"customers\", \"public\".\"notes\" IN SHARE ROW EXCLUSIVE MODE",
                        "ALTER TABLE \"public\".\"notes\" ADD CONSTRAINT \"notes_customer_id_fkey\" FOREIGN KEY"
                        + " (customer_id) REFERENCES public.customers(id) NOT VALID"),
                List.of("LOCK TABLE \"public\".\"customers\", \"public\".\"orders\" IN SHARE ROW EXCLUSIVE MODE",
                        "ALTER TABLE \"public\".\"orders\" ADD CONSTRAINT \"orders_customer_id_fkey\" FOREIGN KEY"
                                + " (customer_id) REFERENCES public.customers(id) NOT VALID",
                        "UPDATE pg_catalog.pg_constraint SET convalidated = true WHERE (conrelid, conname) IN"
                                + " (('\"public\".\"orders\"'::regclass, 'orders_customer_id_fkey'))")),
                postData(t -> true, false).foreignKeyBatches(),
                "a partitioned table's is validated by PostgreSQL; one not valid on the source stays not valid");
    }

    @Test
    void aPartialCloneValidatesUnlessItHoldsNoRows() {
        Predicate<QualifiedName> customersSampled = t -> !t.equals(name("customers"));
        assertEquals(List.of(2, 2, 2), postData(customersSampled, false).foreignKeyBatches().stream()
                .map(List::size).toList(), "each validated alone, after its lock");
        assertEquals(List.of(2, 2, 3), postData(customersSampled, true).foreignKeyBatches().stream()
                .map(List::size).toList(), "schema only: no row can break orders' foreign key");
    }
}
