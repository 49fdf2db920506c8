#!/usr/bin/env bash
# Fetches the public real-world schemas ImportRealSchemasIT imports (besides GitLab's, in ../shared), each as one
# .sql file in bench/.work/schemas (or $1). Third-party schemas are not committed: they come from Debian packages
# (bookworm), fetched with `apt-get download` (no install), and are built the way each product builds its database.
# A file already there is kept, so a second run costs nothing. Needs apt-get and dpkg-deb (Debian or Ubuntu with
# the bookworm packages in its lists); run `apt-get update` first on a fresh machine.
#
#   zabbix-6.0.sql     Zabbix 6.0 LTS server (zabbix-server-pgsql): 173 tables, 226 foreign keys
#   chado-1.31.sql     GMOD Chado 1.31 (libchado-perl): 213 tables, 1,864 views, 4 schemas
#   ledgersmb-1.6.sql  LedgerSMB 1.6 (ledgersmb): 166 tables, 482 functions, 71 composite types, 132 roles, grants
set -euo pipefail
out=$(mkdir -p "${1:-$(dirname "$0")/.work/schemas}" && cd "${1:-$(dirname "$0")/.work/schemas}" && pwd)
work=$(mktemp -d)
chmod 755 "$work"
trap 'rm -rf "$work"' EXIT

# Downloads one package into $work/<package> and unpacks it there; prints the version it got.
unpack() {
  mkdir -p "$work/$1"
  chmod 777 "$work/$1"   # apt-get run as root downloads as its sandbox user, _apt
  (cd "$work/$1" && apt-get download -q "$1" >/dev/null && dpkg-deb -x ./*.deb x && dpkg-deb -f ./*.deb Version)
}

zabbix() {
  local version; version=$(unpack zabbix-server-pgsql)
  zcat "$work/zabbix-server-pgsql/x/usr/share/zabbix-server-pgsql/schema.sql.gz" > "$1"
  echo "zabbix-server-pgsql $version"
}

# As shipped, complete.sql fails on PostgreSQL 14+ (the box operator @ is gone: <@ means the same) and on 17+ (index
# expressions run with search_path = pg_catalog, so its SQL functions must call public.create_point qualified).
chado() {
  local version; version=$(unpack libchado-perl)
  sed -e 's/ @ boxrange/ <@ boxrange/g' \
      -e 's/box (create_point(/box (public.create_point(/g' \
      -e 's/, create_point(/, public.create_point(/g' \
      "$work/libchado-perl/x/usr/share/gmod/chado/modules/complete.sql" > "$1"
  echo "libchado-perl $version"
}

# LedgerSMB builds a database from Pg-database.sql, then changes/LOADORDER (each change in a transaction; a "!" line
# is a legacy fix allowed to fail, left out here where it only fails on a new database), then modules/LOADORDER.
# Roles get a fixed prefix, so the schema does not depend on the database's name; admin.sql's "select *" over
# pg_auth_members gets PostgreSQL 15's columns, as 16 added an oid column that clashes with pg_roles'.
ledgersmb() {
  local version; version=$(unpack ledgersmb)
  local sql="$work/ledgersmb/x/usr/share/ledgersmb/sql"
  local failing=(1.4/location-fixes.sql 1.4/menu-update1.sql 1.4/person-fixes.sql 1.4/ar-constraint1.sql
    1.4/ap-constraint1.sql 1.4/menu-update2.sql 1.4/invoice-fixes.sql 1.4/ar-fixes2.sql 1.4/ar-fixes3.sql
    1.4/account-heading-fix.sql 1.4/account-heading-fix2.sql 1.4/inventory-fix.sql 1.4/inventory-fix2.sql
    1.4/bu-fix.sql 1.4/account-translations.sql 1.5/invoice-tbl-cogs-constraint.sql 1.5/template_menu.sql)
  {
    echo "SET client_min_messages = warning;"
    cat "$sql/Pg-database.sql"
    for line in $(sed -e 's/#.*//' -e 's/\s//g' "$sql/changes/LOADORDER" | grep -v '^$'); do
      local change=${line##*!}
      [[ " ${failing[*]} " == *" $change "* ]] && continue
      echo; echo "-- changes/$line"
      if [ "$change" = "$line" ]; then echo "BEGIN;"; cat "$sql/changes/$change"; echo; echo "COMMIT;"
      else cat "$sql/changes/$change"; fi
    done
    echo "INSERT INTO defaults (setting_key, value) VALUES ('role_prefix', 'lsmb_bench__');"
    for module in $(sed -e 's/#.*//' -e 's/\s//g' "$sql/modules/LOADORDER" | grep -v '^$'); do
      [ "$module" = Duplicates_Functions.sql ] && continue   # a check at load time, with \i and \copy
      echo; echo "-- modules/$module"
      sed 's/select \* from pg_auth_members m join pg_roles a/select m.roleid, m.member, m.grantor, m.admin_option, a.* from pg_auth_members m join pg_roles a/' \
          "$sql/modules/$module"
    done
  } > "$1"
  echo "ledgersmb $version"
}

if ! command -v apt-get >/dev/null || ! command -v dpkg-deb >/dev/null; then
  echo "fetch-schemas: apt-get and dpkg-deb are needed (Debian/Ubuntu); no schema fetched." >&2
  exit 1
fi
for schema in zabbix:zabbix-6.0.sql chado:chado-1.31.sql ledgersmb:ledgersmb-1.6.sql; do
  build=${schema%%:*} file=$out/${schema#*:}
  if [ -s "$file" ]; then
    echo "fetch-schemas: $file is there"
    continue
  fi
  from=$("$build" "$file.part")
  mv "$file.part" "$file"
  echo "fetch-schemas: $file from $from"
done
