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

log "Building (warnings are errors)"
# The build installs Microsoft Web Chat and the test-only npm packages on first run.
dotnet build SoKet.sln -c Debug -nologo -clp:NoSummary -warnaserror

log "Running tests"
results="$(mktemp -d)"
set +e
dotnet test SoKet.sln -c Debug --no-build -nologo --logger "trx;LogFileName=results.trx" --results-directory "$results" 2>&1 | tee "$results/console.log"
status=${PIPESTATUS[0]}
set -e

# One plain closing line for CI: totals across test assemblies, read from the TRX files.
passed=0; failed=0; skipped=0
for trx in "$results"/*.trx "$results"/**/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters"); e=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${t:-0} - ${e:-0}))
done
echo
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then exit 1; fi
