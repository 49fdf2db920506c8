#!/usr/bin/env bash
# The schema-plan benchmark (SPEC §7): postkit's plan engine on GitLab's schema, against migra, in one run.
#
#   bash bench/schema-plan.sh [--runs 5] [--warmup 2] [--fresh] [--no-migra] [--no-verify]
#
# Builds postkit-core's test classes (the build copies the PostgreSQL 15 binaries into target/), installs
# @pgkit/migra 0.6.1 with npm into bench/.work/ (git-ignored), starts its own embedded PostgreSQL 15, loads
# ../shared/bench-schemas/gitlab-structure.sql (kept between runs in bench/.work/pg15; --fresh starts a new
# cluster and reloads it) and
# prints a results table, also written to bench/.work/results.md. See docs/benchmarks.md.
# Set MAVEN_ARGS (e.g. "-o") to pass options to Maven.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work="$root/bench/.work"
migra_version=0.6.1

gitlab="$root/../shared/bench-schemas/gitlab-structure.sql"
if [ ! -f "$gitlab" ]; then
  echo "schema-plan benchmark: GitLab's schema is not at $gitlab" >&2
  echo "It lives in the shared folder next to the project (../shared/bench-schemas/gitlab-structure.sql);" >&2
  echo "without it there is nothing to measure." >&2
  exit 2
fi

use_migra=true
args=()
for a in "$@"; do
  if [ "$a" = "--no-migra" ]; then use_migra=false; else args+=("$a"); fi
done

mkdir -p "$work"

echo "== Building postkit-core test classes (and copying the PostgreSQL 15 binaries)" >&2
# shellcheck disable=SC2086
mvn -B -q ${MAVEN_ARGS:-} -pl postkit-core test-compile dependency:build-classpath \
  -Dmdep.outputFile="$work/classpath.txt" -Dmdep.includeScope=test
cp="$root/postkit-core/target/test-classes:$root/postkit-core/target/classes:$(cat "$work/classpath.txt")"

migra_args=()
if $use_migra; then
  migra_dir="$work/migra-$migra_version"
  if [ ! -x "$migra_dir/node_modules/.bin/migra" ]; then
    command -v npm >/dev/null || { echo "npm is needed to install migra (or pass --no-migra)" >&2; exit 2; }
    echo "== Installing @pgkit/migra@$migra_version into $migra_dir" >&2
    mkdir -p "$migra_dir"
    npm install --prefix "$migra_dir" --no-audit --no-fund --loglevel=error "@pgkit/migra@$migra_version" >&2
  fi
  migra_args=(--migra "$migra_dir/node_modules/.bin/migra")
fi

echo "== Running the benchmark" >&2
exec java -Xmx512m -cp "$cp" io.postkit.core.internal.bench.SchemaPlanBenchmark \
  --binaries "$root/postkit-core/target/pg-binaries" --major 15 --work "$work" \
  --gitlab "$gitlab" --changes "$root/bench/gitlab-changes.sql" --report "$work/results.md" \
  "${migra_args[@]}" "${args[@]}"
