package io.postkit.core.internal.workflow;

import io.postkit.core.api.PostkitException;
import io.postkit.core.internal.migration.MigrationFile;
import io.postkit.core.internal.plan.PlanDocument;
import io.postkit.core.internal.plan.PlanText;
import io.postkit.core.internal.state.CommittedHistory;
import io.postkit.core.internal.state.JsonStateFile;
import io.postkit.core.internal.state.ProjectLock;
import io.postkit.core.internal.state.SessionState;
import io.postkit.core.internal.state.StateDirectory;
import io.postkit.core.internal.state.StateFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The files under {@code .postkit/}: session, plan, session migrations, committed history. The goals read and change
 * the project's state only through here.
 */
public final class ProjectState {

    private static final String APPLYING = ".applying";

    private final StateDirectory layout;
    private final JsonStateFile<SessionState> session;
    private final JsonStateFile<PlanDocument> plan;
    private final JsonStateFile<CommittedHistory> history;

    public ProjectState(Path stateDir) {
        this.layout = new StateDirectory(stateDir);
        this.session = new JsonStateFile<>(layout.sessionFile(), SessionState.class,
                SessionState.FORMAT_VERSION, "Run mvn postkit:abort: it drops the session's local clone (found by its"
                + " postkit marker) and ends the session.");
        this.plan = new JsonStateFile<>(layout.planJson(), PlanDocument.class, PlanDocument.FORMAT_VERSION,
                "Delete it and run mvn postkit:plan again.");
        this.history = new JsonStateFile<>(layout.committedFile(), CommittedHistory.class,
                CommittedHistory.FORMAT_VERSION, "It is checked in: restore it from version control.");
    }

    public ProjectLock lock() {
        layout.ensureGitignore();
        return ProjectLock.acquire(layout.root());
    }

    public Optional<SessionState> session() {
        return session.read();
    }

    public SessionState requireSession(String goal) {
        return session.read().orElseThrow(() -> new PostkitException("No active session: nothing to " + goal
                + ". Run mvn postkit:start first."));
    }

    public void saveSession(SessionState state) {
        session.write(state);
    }

    /**
     * Removes the plan, the session's migrations and, last, the session file: a goal killed half-way leaves the
     * session file, and the next goal ends the session again.
     */
    public void endSession() {
        deletePlan();
        StateFiles.deleteTree(sessionDir());
        session.delete();
    }

    /** The session file, or empty when there is none or it cannot be read. */
    public Optional<SessionState> readableSession() {
        try {
            return session.read();
        } catch (PostkitException unreadable) {
            return Optional.empty();
        }
    }

    public Path sessionFile() {
        return session.path();
    }

    public Optional<PlanDocument> plan() {
        return plan.read();
    }

    public void savePlan(PlanDocument document) {
        plan.write(document);
        StateFiles.writeAtomically(layout.planSql(), header(document) + PlanText.sql(document.statements()));
    }

    public void deletePlan() {
        plan.delete();
        deleteQuietly(layout.planSql());
    }

    /** Forgets the plan but keeps {@code plan.sql}, which an error message points into; the next plan replaces it. */
    public void discardPlan() {
        plan.delete();
    }

    /** {@code .postkit/db/plan.sql} as messages name it. */
    public static final String PLAN_SQL = ".postkit/db/plan.sql";

    /** The line of {@code plan.sql} on which each of the plan's statements begins, as {@link #savePlan} writes it. */
    public static List<Integer> planSqlLines(PlanDocument document) {
        List<Integer> lines = new ArrayList<>();
        int line = 1 + (int) header(document).chars().filter(c -> c == '\n').count();
        for (var statement : document.statements()) {
            lines.add(line);
            // each statement, its semicolon, and the blank line that separates it from the next
            line += (int) statement.sql().chars().filter(c -> c == '\n').count() + 2;
        }
        return lines;
    }

    /** A session migration's path as messages name it. */
    public static String sessionMigrationPath(MigrationFile migration) {
        return ".postkit/db/session/" + migration.fileName();
    }

    /** A committed migration's path as messages name it. */
    public static String committedMigrationPath(MigrationFile migration) {
        return ".postkit/db/migrations/" + migration.fileName();
    }

    /** Writes a hand-written migration: pending in the session from now on, until apply runs it. */
    public Path writeHandWrittenMigration(MigrationFile migration) {
        Path file = sessionDir().resolve(migration.fileName());
        StateFiles.writeAtomically(file, migration.render());
        return file;
    }

    /**
     * Writes a generated migration under a name no goal reads as a migration ({@code <file>.applying}) until it has
     * run on the clone ({@link #completeSessionMigration}). A goal killed in between leaves that file, and the next
     * goal settles it by the clone's migration table.
     */
    public Path writeSessionMigration(MigrationFile migration) {
        Path file = sessionDir().resolve(migration.fileName() + APPLYING);
        StateFiles.writeAtomically(file, migration.render());
        return file;
    }

    /** The migration ran on the clone: it becomes one of the session's migrations. */
    public void completeSessionMigration(Path applying) {
        String name = applying.getFileName().toString();
        StateFiles.rename(applying, applying.resolveSibling(name.substring(0, name.length() - APPLYING.length())));
    }

    /** Generated migrations written for an apply that did not finish; @see #writeSessionMigration */
    public List<Path> applyingMigrations() {
        if (!Files.isDirectory(sessionDir())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(sessionDir())) {
            return files.filter(f -> f.getFileName().toString().endsWith(APPLYING)).sorted().toList();
        } catch (IOException e) {
            throw new PostkitException("Cannot read " + sessionDir() + ": " + e.getMessage(), e);
        }
    }

    /** A migration file as written by {@link #writeSessionMigration}. */
    public static MigrationFile readApplying(Path applying) {
        String name = applying.getFileName().toString();
        try {
            return MigrationFile.parse(name.substring(0, name.length() - APPLYING.length()),
                    Files.readString(applying, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new PostkitException("Cannot read " + applying + ": " + e.getMessage(), e);
        }
    }

    public List<MigrationFile> sessionMigrations() {
        return readMigrations(sessionDir());
    }

    /** Whether the session folder holds anything (migrations, or files of an apply that did not finish). */
    public boolean hasSessionFiles() {
        if (!Files.isDirectory(sessionDir())) {
            return false;
        }
        try (Stream<Path> files = Files.list(sessionDir())) {
            return files.findAny().isPresent();
        } catch (IOException e) {
            throw new PostkitException("Cannot read " + sessionDir() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Migration files in {@code .postkit/db/migrations/} that {@code committed.json} does not list: what a commit
     * killed before its commit point left, or files brought in by hand.
     */
    public List<MigrationFile> unrecordedCommittedFiles() {
        Set<String> recorded = new TreeSet<>();
        history().migrations().forEach(e -> recorded.add(e.version()));
        return readMigrations(migrationsDir()).stream().filter(m -> !recorded.contains(m.version())).toList();
    }

    /** Removes a file of {@code .postkit/db/migrations/} that a commit wrote before it reached its commit point. */
    public void removeUnrecordedCommittedFile(MigrationFile migration) {
        StateFiles.delete(migrationsDir().resolve(migration.fileName()));
    }

    /** Every version in use, so a new migration's version is unique. */
    public Set<String> knownVersions() {
        Set<String> versions = new TreeSet<>();
        sessionMigrations().forEach(m -> versions.add(m.version()));
        history().migrations().forEach(e -> versions.add(e.version()));
        return versions;
    }

    public CommittedHistory history() {
        return history.read().orElse(CommittedHistory.empty());
    }

    /** Committed migrations in version order, each checked against the checksum recorded when it was committed. */
    public List<MigrationFile> committedMigrations() {
        Map<String, MigrationFile> files = new HashMap<>();
        readMigrations(migrationsDir()).forEach(m -> files.put(m.version(), m));
        List<MigrationFile> committed = new ArrayList<>();
        for (CommittedHistory.Entry entry : history().migrations()) {
            MigrationFile file = files.remove(entry.version());
            if (file == null) {
                throw new PostkitException("Committed migration " + entry.version() + "_" + entry.name() + ".sql is"
                        + " listed in .postkit/db/committed.json but missing from .postkit/db/migrations/. Restore it"
                        + " from version control.");
            }
            if (!file.checksum().equals(entry.checksum())) {
                throw new PostkitException(".postkit/db/migrations/" + file.fileName() + " was changed after it was"
                        + " committed. Restore it from version control and put new changes in a new migration.");
            }
            committed.add(file);
        }
        if (!files.isEmpty()) {
            throw new PostkitException("Migration file(s) " + files.values().stream().map(MigrationFile::fileName)
                    .sorted().collect(Collectors.joining(", ")) + " in .postkit/db/migrations/ are not listed in"
                    + " committed.json. Commit migrations with mvn postkit:commit, or restore committed.json from"
                    + " version control.");
        }
        return committed;
    }

    /** {@link #commitMigrations(List, Instant, Runnable)} with nothing between its steps. */
    public void commitMigrations(List<MigrationFile> migrations, Instant at) {
        commitMigrations(migrations, at, () -> { });
    }

    /**
     * Copies the session's migrations into the history, then records them in {@code committed.json}: the commit
     * point. The session files go with the session.
     *
     * @param copied runs between the two steps (a pause point for fault-injection tests)
     */
    public void commitMigrations(List<MigrationFile> migrations, Instant at, Runnable copied) {
        CommittedHistory recorded = history();
        List<CommittedHistory.Entry> entries = new ArrayList<>();
        for (MigrationFile migration : migrations) {
            entries.add(new CommittedHistory.Entry(migration.version(), migration.name(), migration.checksum(), at,
                    Map.of()));
        }
        CommittedHistory updated = recorded.with(entries);
        for (MigrationFile migration : migrations) {
            StateFiles.writeAtomically(migrationsDir().resolve(migration.fileName()), migration.render());
        }
        copied.run();
        history.write(updated);
    }

    public void markDeployed(List<MigrationFile> migrations, String remote, Instant at) {
        history.write(history().deployed(migrations.stream().map(MigrationFile::version)
                .collect(Collectors.toSet()), remote, at));
    }

    public void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // best effort: the caller is already reporting a failure
        }
    }

    private Path sessionDir() {
        return layout.sessionMigrations();
    }

    private Path migrationsDir() {
        return layout.committedMigrations();
    }

    private static String header(PlanDocument plan) {
        return "-- postkit plan, " + plan.createdAt() + ", PostgreSQL " + plan.serverVersion() + "\n"
                + (plan.isEmpty() ? "-- no changes\n" : "") + "\n";
    }

    private static List<MigrationFile> readMigrations(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<MigrationFile> migrations = new ArrayList<>();
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".sql")).toList()) {
                migrations.add(MigrationFile.parse(file.getFileName().toString(),
                        Files.readString(file, StandardCharsets.UTF_8)));
            }
            migrations.sort(Comparator.comparing(MigrationFile::version));
            return migrations;
        } catch (IOException e) {
            throw new PostkitException("Cannot read " + dir + ": " + e.getMessage(), e);
        }
    }
}
