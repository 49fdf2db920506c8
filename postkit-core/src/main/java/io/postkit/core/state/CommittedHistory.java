package io.postkit.core.state;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code .postkit/db/committed.json}: the team's migration history, checked in. Free of machine-specific data: no
 * paths, no URLs, times in UTC. Where a migration really is applied is read from each target's migration table;
 * {@code deployments} is a record of this project's deploys, for people.
 */
public record CommittedHistory(int formatVersion, List<Entry> migrations) {

    public static final int FORMAT_VERSION = 1;

    /** One committed migration; {@code deployments} maps a remote name to when it was deployed there. */
    public record Entry(String version, String name, String checksum, Instant committedAt,
                        Map<String, Instant> deployments) {

        public Entry {
            deployments = deployments == null ? Map.of() : Map.copyOf(new TreeMap<>(deployments));
        }

        Entry deployedTo(String remote, Instant at) {
            Map<String, Instant> all = new TreeMap<>(deployments);
            all.put(remote, at);
            return new Entry(version, name, checksum, committedAt, all);
        }
    }

    public CommittedHistory {
        migrations = migrations == null ? List.of() : List.copyOf(migrations);
    }

    public static CommittedHistory empty() {
        return new CommittedHistory(FORMAT_VERSION, List.of());
    }

    public CommittedHistory with(Collection<Entry> added) {
        List<Entry> all = new ArrayList<>(migrations);
        all.addAll(added);
        all.sort(java.util.Comparator.comparing(Entry::version));
        return new CommittedHistory(formatVersion, all);
    }

    public CommittedHistory deployed(Set<String> versions, String remote, Instant at) {
        return new CommittedHistory(formatVersion, migrations.stream()
                .map(e -> versions.contains(e.version()) ? e.deployedTo(remote, at) : e).toList());
    }
}
