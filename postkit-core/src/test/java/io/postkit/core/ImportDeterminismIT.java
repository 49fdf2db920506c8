package io.postkit.core;

import io.postkit.core.testing.ChildGoal;
import io.postkit.core.testing.TestPostgres;
import io.postkit.core.testing.TestProject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two imports of the same schema, each in a JVM of its own (whose hash sets and maps iterate in an order of their
 * own), write byte-identical schema directories, baselines and committed.json.
 */
class ImportDeterminismIT {

    @Test
    void twoJvmsImportingTheSameSchemaWriteTheSameFiles() throws Exception {
        int major = TestPostgres.majors().stream().max(Integer::compare).orElseThrow();
        List<TestProject> projects = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            TestProject project = ImportCommandIT.shop(major, "import-jvm-" + i);
            String output = ChildGoal.run(Map.of(), "import", project.dir().toString(),
                    "remote=" + project.remote().url(), "clock=" + ImportCommandIT.CLOCK.instant());
            assertTrue(output.contains("DONE"), output);
            projects.add(project);
        }

        String schema = ImportFiles.tree(projects.get(0).schemaDir());
        assertTrue(schema.contains("==== tables/0001_customers.sql"), schema);
        assertEquals(schema, ImportFiles.tree(projects.get(1).schemaDir()));
        String history = ImportFiles.tree(projects.get(0).dir().resolve(".postkit/db"));
        assertTrue(history.contains("==== migrations/20261206101530_baseline.sql"), history);
        assertEquals(history, ImportFiles.tree(projects.get(1).dir().resolve(".postkit/db")));
    }
}
