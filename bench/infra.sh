#!/usr/bin/env bash
# What the infra sandbox costs (docs/benchmarks.md, "Infra sandbox"): the same infra/ run as the superuser (as on a
# remote) and in the sandbox (as on every local database), interleaved, per statement.
#
#   bash bench/infra.sh [statements, default 400] [runs, default 7] [major, default 15]
#
# Builds postkit-core's test classes (the build copies the PostgreSQL binaries into target/) and runs
# io.postkit.core.internal.bench.InfraSandboxBenchmark against an embedded server it starts under target/.
# Set MAVEN_ARGS (e.g. "-o") to pass options to Maven.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work="$root/bench/.work"
mkdir -p "$work"
# shellcheck disable=SC2086
mvn -B -q ${MAVEN_ARGS:-} -pl postkit-core test-compile dependency:build-classpath \
  -Dmdep.outputFile="$work/classpath.txt" -Dmdep.includeScope=test
cp="$root/postkit-core/target/test-classes:$root/postkit-core/target/classes:$(cat "$work/classpath.txt")"
cd postkit-core
exec java -cp "$cp" -Dpostkit.test.binaries="$root/postkit-core/target/pg-binaries" \
  io.postkit.core.internal.bench.InfraSandboxBenchmark "$@"
