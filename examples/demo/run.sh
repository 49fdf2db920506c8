#!/usr/bin/env bash
# The main job, end to end on this machine: install postkit, start a throwaway "remote" PostgreSQL with sample
# data, then start -> plan -> apply -> commit -> deploy -> status against it, and stop it again.
# Needs Java 17+ and Maven 3.8+; PostgreSQL binaries come from Maven Central.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
mvn_() { mvn -B -ntp "$@"; }

echo "== Installing postkit (skipping tests)"
mvn_ -q -f "$root/pom.xml" install -DskipTests -Dinvoker.skip=true

work=$(mktemp -d "${TMPDIR:-/tmp}/postkit-demo.XXXXXX")
chmod 755 "$work"   # the local PostgreSQL may run as an unprivileged user, which must reach its data
cp -r "$here/." "$work/"
rm -f "$work/run.sh"
cd "$work"
echo "== Demo project copied to $work"

finish() { mvn_ -q postkit:server-stop || true; cd /; rm -rf "$work"; }
trap finish EXIT

echo "== A throwaway remote with sample data";   mvn_ postkit:server-start
echo "== Clone it";                               mvn_ postkit:start
echo "== Plan the change in db/schema";           mvn_ postkit:plan
echo "== Apply it to the clone (real data)";      mvn_ postkit:apply
echo "== Re-plan: nothing left to do";            mvn_ postkit:plan
echo "== Commit the migration";                   mvn_ postkit:commit
echo "== Deploy: dry run, then the remote";       mvn_ postkit:deploy
echo "== Status";                                 mvn_ postkit:status
echo "== Done. The committed migration:"
cat .postkit/db/migrations/*.sql
