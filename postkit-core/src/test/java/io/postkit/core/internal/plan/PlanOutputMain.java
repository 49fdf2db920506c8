package io.postkit.core.internal.plan;

import io.postkit.core.internal.catalog.CatalogReader;
import io.postkit.core.internal.diff.SchemaDiff;
import io.postkit.core.internal.model.SchemaModel;
import io.postkit.core.internal.render.PlannedStatement;
import io.postkit.core.internal.render.SqlRenderer;
import io.postkit.core.internal.state.JsonStateFile;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What a plan writes, computed in a JVM of its own: the fingerprints of two databases' schemas, plan.json and
 * plan.sql of the diff between them, and the down section. {@link PlanDeterminismIT} runs it in two processes and
 * compares the bytes, since the iteration order of {@code Set.of} and its kin changes from one JVM to the next.
 *
 * <p>Arguments: the JDBC URLs (user in the URL) of the current and the desired database, and the managed schemas
 * separated by commas.
 */
public final class PlanOutputMain {

    private PlanOutputMain() {
    }

    public static void main(String[] args) throws Exception {
        List<String> schemas = List.of(args[2].split(","));
        SchemaModel current;
        SchemaModel desired;
        try (Connection from = DriverManager.getConnection(args[0]);
             Connection to = DriverManager.getConnection(args[1])) {
            CatalogReader.Sides sides = new CatalogReader().readBoth(from, to, schemas, Set.of());
            current = sides.current();
            desired = sides.desired();
        }
        List<PlannedStatement> up = SqlRenderer.renderAll(SchemaDiff.between(current, desired));
        List<PlannedStatement> down = SqlRenderer.renderAll(SchemaDiff.between(desired, current));
        PlanDocument plan = new PlanDocument(PlanDocument.FORMAT_VERSION, Instant.EPOCH, "18", new Fingerprints(
                "files", SchemaFingerprint.of(current), SchemaFingerprint.of(desired)), up, down);
        Path json = Files.createTempFile("plan", ".json");
        try {
            new JsonStateFile<>(json, PlanDocument.class, PlanDocument.FORMAT_VERSION, "").write(plan);
            PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
            out.println("== plan.json");
            out.println(Files.readString(json));
            out.println("== plan.sql");
            out.println(PlanText.sql(up));
            out.println("== down");
            out.println(PlanText.sql(down));
        } finally {
            Files.delete(json);
        }
    }
}
