package io.postkit.core.internal.diff;

import io.postkit.core.internal.model.Policy;
import io.postkit.core.internal.model.QualifiedName;
import io.postkit.core.internal.model.SchemaModel;
import io.postkit.core.internal.model.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Row-level security: each table's enable/force flags, and its policies (a changed policy is dropped and created). */
final class PolicyDiff {

    private PolicyDiff() {
    }

    static List<SchemaChange> between(SchemaModel current, SchemaModel desired, Set<QualifiedName> droppedTables) {
        List<SchemaChange> changes = new ArrayList<>();
        for (Table table : desired.tables().values()) {
            Table existing = current.tables().get(table.name());
            boolean wasEnabled = existing != null && existing.rowSecurity();
            boolean wasForced = existing != null && existing.forceRowSecurity();
            if (wasEnabled != table.rowSecurity() || wasForced != table.forceRowSecurity()) {
                changes.add(new SchemaChange.SetRowSecurity(table.name(), table.rowSecurity(),
                        table.forceRowSecurity()));
            }
        }
        for (Policy policy : current.policies().values()) {
            Policy wanted = desired.policies().get(policy.key());
            if (!policy.equals(wanted) && !droppedTables.contains(policy.table())) {
                changes.add(new SchemaChange.DropPolicy(policy));
            }
        }
        for (Policy policy : desired.policies().values()) {
            if (!policy.equals(current.policies().get(policy.key()))) {
                changes.add(new SchemaChange.CreatePolicy(policy));
            }
        }
        return changes;
    }
}
