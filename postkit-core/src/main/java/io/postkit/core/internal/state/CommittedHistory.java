package io.postkit.core.internal.state;

import io.postkit.core.api.PostkitException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * {@code .postkit/db/committed.json}: the team's migration history, checked in. Free of machine-specific data: no
 * paths, no URLs, times in UTC. Where a migration really is applied is read from each target's migration table;
 * {@code deployments} is a record of this project's deploys, for people. Entries sort by version and deployments
 * by remote name, so the file's text does not depend on who wrote it and merges stay small.
 */
public record CommittedHistory(int formatVersion, List<Entry> migrations) {

    public static final int FORMAT_VERSION = 1;

    /** One committed migration; {@code deployments} maps a remote name to when it was deployed there. */
    public record Entry(String version, String name, String checksum, Instant committedAt,
                        Map<String, Instant> deployments) {

        public Entry {
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(checksum, "checksum");
            Objects.requireNonNull(committedAt, "committedAt");
            deployments = sorted(deployments == null ? Map.of() : deployments);
        }

        /** A migration committed now, deployed nowhere yet. */
        public static Entry committed(String version, String name, String checksum, Instant at) {
            return new Entry(version, name, checksum, at, Map.of());
        }

        Entry deployedTo(String remote, Instant at) {
            Map<String, Instant> all = new TreeMap<>(deployments);
            all.put(remote, at);
            return new Entry(version, name, checksum, committedAt, all);
        }

        private static SortedMap<String, Instant> sorted(Map<String, Instant> deployments) {
            return Collections.unmodifiableSortedMap(new TreeMap<>(deployments));
        }
    }

    public CommittedHistory {
        migrations = migrations == null ? List.of() : List.copyOf(migrations);
    }

    public static CommittedHistory empty() {
        return new CommittedHistory(FORMAT_VERSION, List.of());
    }

    /** This history with {@code added}; a version already in it is refused, as two migrations cannot share one. */
    public CommittedHistory with(Collection<Entry> added) {
        Set<String> versions = new HashSet<>();
        migrations.forEach(e -> versions.add(e.version()));
        for (Entry entry : added) {
            if (!versions.add(entry.version())) {
                throw new PostkitException("Migration version " + entry.version() + " (" + entry.name() + ") is"
                        + " already in .postkit/db/committed.json. Each migration needs its own version: make it"
                        + " again with a new one, or restore committed.json from version control.");
            }
        }
        List<Entry> all = new ArrayList<>(migrations);
        all.addAll(added);
        all.sort(Comparator.comparing(Entry::version));
        return new CommittedHistory(formatVersion, all);
    }

    /** This history with {@code versions} marked as deployed to {@code remote} at {@code at}; others unchanged. */
    public CommittedHistory deployed(Set<String> versions, String remote, Instant at) {
        return new CommittedHistory(formatVersion, migrations.stream()
                .map(e -> versions.contains(e.version()) ? e.deployedTo(remote, at) : e).toList());
    }
}
