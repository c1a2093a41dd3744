#!/usr/bin/env bash
# SoKet's test command: installs what the tests need when missing, builds with warnings as
# errors, and runs every test (unit, HTTP integration on loopback, browser end-to-end).
set -euo pipefail
cd "$(dirname "$0")"

log() { printf '\n== %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else
    echo "test.sh: need root (or sudo) to install: $*" >&2; return 1; fi
}

apt_updated=0
apt_install() {
  if [ "$apt_updated" -eq 0 ]; then as_root apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "$@"
}

log "Checking tools"
command -v dotnet >/dev/null || { echo "test.sh: the .NET SDK 10 is required (https://dot.net)" >&2; exit 1; }
command -v npm >/dev/null || apt_install nodejs npm
# Browser tests drive Debian's Chromium; Playwright's own browser download cannot work offline.
if [ -z "${SOKET_CHROMIUM:-}" ] && [ ! -x /usr/bin/chromium ]; then apt_install chromium fonts-noto-core; fi
# Export tests convert the generated .docx files to PDF with LibreOffice and read them back with poppler.
if ! command -v soffice >/dev/null || ! command -v pdftotext >/dev/null; then
  apt_install libreoffice-writer-nogui fonts-liberation fonts-dejavu poppler-utils
fi

# The store-backed tests run a second time against a throw-away cluster of Debian's PostgreSQL.
pg_bin=""
for dir in /usr/lib/postgresql/*/bin; do [ -x "$dir/initdb" ] && pg_bin="$dir"; done
if [ -z "$pg_bin" ]; then
  apt_install postgresql
  for dir in /usr/lib/postgresql/*/bin; do [ -x "$dir/initdb" ] && pg_bin="$dir"; done
fi

log "Building (warnings are errors)"
# One build for both stores. It installs Microsoft Web Chat and the test-only npm packages on first run.
dotnet build SoKet.sln -c Debug -nologo -clp:NoSummary -warnaserror

log "Starting a throw-away PostgreSQL cluster"
# initdb refuses to run as root: the cluster belongs to an unprivileged user in a temp folder.
pg_dir="$(mktemp -d)"
pg_user="$(id -un)"
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ "$(id -u)" -eq 0 ]; then pg_user=postgres; chown postgres "$pg_dir"; fi
free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 40000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}
pg_port=$(free_port)
stop_postgres() {
  as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$pg_dir"
}
trap stop_postgres EXIT
as_pg "$pg_bin/initdb" -D "$pg_dir/data" -U "$pg_user" -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w \
  -o "-h 127.0.0.1 -p $pg_port -k $pg_dir -c fsync=off -c max_connections=300" start >/dev/null
as_pg "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U "$pg_user" soket
export SOKET_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=$pg_user;Database=soket"
echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port"

log "Running tests"
results="$(mktemp -d)"
set +e
dotnet test SoKet.sln -c Debug --no-build -nologo --logger "trx;LogFileName=results.trx" --results-directory "$results" 2>&1 | tee "$results/console.log"
status=${PIPESTATUS[0]}

log "Running the store-backed tests on PostgreSQL (same build)"
# Store-backed tests only: the rest is provider-independent and already ran above.
SOKET_TEST_STORE=PostgreSQL dotnet test SoKet.Bot.Tests -c Debug --no-build -nologo --filter "Category=Store" \
  --logger "trx;LogFileName=postgresql.trx" --results-directory "$results/postgresql" 2>&1 | tee "$results/console-postgresql.log"
pg_status=${PIPESTATUS[0]}
[ "$status" -eq 0 ] && status=$pg_status
set -e

# One plain closing line for CI: totals across test assemblies, read from the TRX files.
passed=0; failed=0; skipped=0
shopt -s globstar nullglob
for trx in "$results"/**/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters"); e=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${t:-0} - ${e:-0}))
done
echo
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then exit 1; fi
