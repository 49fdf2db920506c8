package io.postkit.core.internal.importing;

import io.postkit.core.internal.diff.SchemaChange;
import io.postkit.core.internal.migration.MigrationFile;
import io.postkit.core.internal.plan.PlanText;
import io.postkit.core.internal.render.SqlRenderer;

import java.util.List;

/**
 * The migration that starts an imported history: up builds the managed schemas from empty, as a plan from an empty
 * database would, and down drops them again. Schemas themselves are infra's (it runs before every migration), so
 * neither section creates or drops one.
 */
final class BaselineMigration {

    static final String NAME = "baseline";

    private BaselineMigration() {
    }

    /**
     * @param build    the plan from empty to the imported model
     * @param teardown the plan from the imported model to empty
     */
    static MigrationFile of(String version, List<SchemaChange> build, List<SchemaChange> teardown) {
        List<SchemaChange> up = build.stream().filter(c -> !ImportLayout.isInfra(c)).toList();
        List<SchemaChange> down = teardown.stream().filter(c -> !ImportLayout.isInfra(c)).toList();
        return new MigrationFile(version, NAME, PlanText.sql(SqlRenderer.renderAll(up)),
                PlanText.sql(SqlRenderer.renderAll(down)), true);
    }
}
