#!/usr/bin/env bash
# The diff benchmark (SPEC §7, issue 8): whole `mvn postkit:diff` processes between two databases against migra on
# the same synthetic schemas (../shared/bench-data/gen_schema.py: N tables, old -> new is a realistic change set),
# interleaved in one run, and the engine's share (the same DiffCommand timed in a warm JVM).
#
#   bash bench/diff.sh [--sizes "1000 5000"] [--runs 3]
#
# Installs postkit (like examples/demo/run.sh), starts a throwaway PostgreSQL 15 "remote" with postkit:server-start
# (data in bench/.work/diff-remote, kept between runs; delete it to reload), loads old and new schemas with psql,
# installs @pgkit/migra 0.6.1 with npm into bench/.work/, and prints a table (also bench/.work/diff-results.md).
# Needs psql on the PATH. Set MAVEN_ARGS (e.g. "-o") to pass options to Maven.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work="$root/bench/.work"
project="$work/diff-project"
port=25439
sizes="1000 5000"
runs=3
migra_version=0.6.1
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
gen="$root/../shared/bench-data/gen_schema.py"
[ -f "$gen" ] || { echo "diff benchmark: $gen is missing (../shared/bench-data)" >&2; exit 2; }
command -v psql >/dev/null || { echo "diff benchmark: psql is needed to load the schemas" >&2; exit 2; }
mkdir -p "$project"
chmod 755 "$work" "$project"
# the aggregator's own version (the first <version> of pom.xml); the help plugin may not be there offline
version=$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' pom.xml | head -1)
plugin="io.postkit:postkit-maven-plugin:$version"

echo "== Installing postkit $version and building the engine benchmark" >&2
# shellcheck disable=SC2086
mvn -B -q ${MAVEN_ARGS:-} install -DskipTests -Dinvoker.skip=true
# shellcheck disable=SC2086
mvn -B -q ${MAVEN_ARGS:-} -pl postkit-core test-compile dependency:build-classpath \
  -Dmdep.outputFile="$work/classpath.txt" -Dmdep.includeScope=test
cp="$root/postkit-core/target/test-classes:$root/postkit-core/target/classes:$(cat "$work/classpath.txt")"

cat > "$project/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId><artifactId>diff-remote</artifactId><version>1</version><packaging>pom</packaging>
</project>
POM
echo "== Starting the remote (PostgreSQL 15, port $port)" >&2
(cd "$project" && mvn -B -q ${MAVEN_ARGS:-} "$plugin:server-start" -Dpostkit.server.major=15 \
  -Dpostkit.server.port=$port -Dpostkit.server.dataDir="$work/diff-remote")
trap '(cd "$project" && mvn -B -q ${MAVEN_ARGS:-} "$plugin:server-stop" -Dpostkit.server.dataDir="$work/diff-remote") || true' EXIT
psql_() { psql -X -q -v ON_ERROR_STOP=1 -h localhost -p $port -U postgres "$@"; }
for n in $sizes; do
  for side in old new; do
    db="${side}_$n"
    if [ -z "$(psql_ -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'")" ]; then
      echo "== Loading $db" >&2
      psql_ -d postgres -c "CREATE DATABASE $db"
      python3 "$gen" "$n" "$side" | psql_ -d "$db" >/dev/null
    fi
  done
done

migra="$work/migra-$migra_version/node_modules/.bin/migra"
if [ ! -x "$migra" ]; then
  echo "== Installing @pgkit/migra@$migra_version" >&2
  mkdir -p "$work/migra-$migra_version"
  npm install --prefix "$work/migra-$migra_version" --no-audit --no-fund --loglevel=error "@pgkit/migra@$migra_version" >&2
fi

seconds() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N); echo "scale=3; ($e - $s) / 1000000000" | bc; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
report="$work/diff-results.md"
{
  echo "| tables | postkit:diff (whole mvn process) | engine share (warm) | migra 0.6.1 (process) | migra / postkit | migra / engine |"
  echo "|---:|---:|---:|---:|---:|---:|"
} > "$report"
for n in $sizes; do
  from="jdbc:postgresql://localhost:$port/old_$n?user=postgres"
  to="jdbc:postgresql://localhost:$port/new_$n?user=postgres"
  out="$work/postkit-diff-$n.sql"
  p=(); m=()
  rm -f "$out"
  for i in $(seq 1 "$runs"); do
    echo "== $n tables, run $i/$runs" >&2
    p+=("$(cd "$project" && seconds mvn -B -q ${MAVEN_ARGS:-} "$plugin:diff" -Dpostkit.from="$from" -Dpostkit.to="$to" -Dpostkit.output="$out")")
    m+=("$(seconds "$migra" "postgresql://postgres@localhost:$port/old_$n" "postgresql://postgres@localhost:$port/new_$n" --unsafe)")
  done
  # a time counts only if the output is right: old + postkit's script must diff empty against new
  [ -s "$out" ] || { echo "diff benchmark: postkit:diff wrote no script for $n tables" >&2; exit 1; }
  psql_ -d postgres -c "DROP DATABASE IF EXISTS check_$n" -c "CREATE DATABASE check_$n TEMPLATE old_$n" >/dev/null
  psql_ -d "check_$n" -f "$out" >/dev/null
  (cd "$project" && mvn -B -q ${MAVEN_ARGS:-} "$plugin:diff" -Dpostkit.from="jdbc:postgresql://localhost:$port/check_$n?user=postgres" \
    -Dpostkit.to="$to" -Dpostkit.output="$work/postkit-recheck-$n.sql")
  [ ! -s "$work/postkit-recheck-$n.sql" ] || { echo "diff benchmark: old_$n + postkit's script still differs from new_$n:" \
    "$work/postkit-recheck-$n.sql" >&2; exit 1; }
  psql_ -d postgres -c "DROP DATABASE check_$n" >/dev/null
  echo "== $n tables: old + postkit's script = new (diffed again: empty)" >&2
  pm=$(printf '%s\n' "${p[@]}" | median); mm=$(printf '%s\n' "${m[@]}" | median)
  engine=$(java -Xmx512m -cp "$cp" io.postkit.core.internal.bench.DiffEngineBenchmark "$from" "$to" "$runs" 1)
  em=$(echo "$engine" | sed -E 's/engine median ([0-9.]+) s.*/\1/')
  echo "== $n tables: postkit:diff ${p[*]} s; migra ${m[*]} s; $engine; $(grep -c ';' "$out") statements" >&2
  printf '| %s | %s s | %s s | %s s | %.1fx | %.1fx |\n' "$n" "$pm" "$em" "$mm" \
    "$(echo "$mm / $pm" | bc -l)" "$(echo "$mm / $em" | bc -l)" >> "$report"
done
cat "$report"
