#!/usr/bin/env bash
# SoKet next to Microsoft's JavaScript Bot Builder (../shared/peer-bench): the same driver.js drives
# both, one bot at a time, alternating, on this machine. Prints turns/s, p50 and p99 of every run, the
# medians and the SoKet/peer ratio, and checks that SoKet stored every paragraph it acknowledged.
#
#   bench/compare.sh [-n CONVERSATIONS] [-k TURNS] [-r ROUNDS] [--store sqlite|postgresql]
#                    [--warmup RUNS | --warmup-turns TURNS] [--bot PATH] [--no-build] [--keep]
#
# Defaults: 20 conversations × 27 turns, 3 rounds, SQLite; PostgreSQL when SOKET_BENCH_POSTGRES holds a
# connection string of a server where a database may be created (a fresh soket_bench_<random> per run,
# dropped afterwards; --store sqlite overrides). See bench/README.md.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
conversations=20
turns=27
rounds=3
warmup=0
warmup_turns=0
build=1
keep=0
bot_dll=""
store=sqlite
[ -n "${SOKET_BENCH_POSTGRES:-}" ] && store=postgresql
driver_timeout=${DRIVER_TIMEOUT:-900}   # seconds for one driver run
start_timeout=${START_TIMEOUT:-180}     # seconds for a bot to listen (SoKet: store created and seeded too)
peer_dir=${PEER_BENCH_DIR:-/tmp/peer-bench}

usage() { sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit "${1:-64}"; }
positive() { [[ "$2" =~ ^[0-9]+$ ]] && [ "$2" -ge "${3:-1}" ] || { echo "compare.sh: $1 must be a whole number ≥ ${3:-1}, not '$2'" >&2; exit 64; }; }
while [ $# -gt 0 ]; do
  case "$1" in
    -n|--conversations) positive "$1" "${2:-}"; conversations=$2; shift 2 ;;
    -k|--turns) positive "$1" "${2:-}"; turns=$2; shift 2 ;;
    -r|--rounds) positive "$1" "${2:-}"; rounds=$2; shift 2 ;;
    --warmup) positive "$1" "${2:-}" 0; warmup=$2; shift 2 ;;
    --warmup-turns) positive "$1" "${2:-}" 0; warmup_turns=$2; shift 2 ;;
    --store) store=${2:-}; shift 2 ;;
    --bot) bot_dll=${2:-}; [ -f "$bot_dll" ] || { echo "compare.sh: --bot needs a SoKet.Bot.dll, not '$bot_dll'" >&2; exit 64; }; shift 2 ;;
    --no-build) build=0; shift ;;
    --keep) keep=1; shift ;;
    -h|--help) usage 0 ;;
    *) echo "compare.sh: unknown argument '$1'" >&2; usage ;;
  esac
done
# A bot warms up by the turns it has served, not by runs (the JIT promotes a method after so many calls): with few
# conversations, a few runs leave it cold. --warmup-turns gives both bots as many warm-up runs of the measured shape
# as it takes to serve that many turns.
if [ "$warmup_turns" -gt 0 ]; then
  per_run=$((conversations * turns))
  warmup=$(( (warmup_turns + per_run - 1) / per_run > warmup ? (warmup_turns + per_run - 1) / per_run : warmup ))
fi
case "$store" in
  sqlite) ;;
  postgresql|postgres)
    store=postgresql
    [ -n "${SOKET_BENCH_POSTGRES:-}" ] || { echo "compare.sh: --store postgresql needs SOKET_BENCH_POSTGRES (e.g. Host=127.0.0.1;Port=5432;Username=postgres)" >&2; exit 64; } ;;
  *) echo "compare.sh: --store must be sqlite or postgresql" >&2; exit 64 ;;
esac
for tool in dotnet node npm timeout; do
  command -v "$tool" >/dev/null || { echo "compare.sh: $tool is required" >&2; exit 1; }
done

log() { printf '== %s\n' "$*" >&2; }

# The peer's files live outside the repository: ../shared/peer-bench next to the main checkout.
find_peer_source() {
  if [ -n "${PEER_BENCH_SRC:-}" ]; then echo "$PEER_BENCH_SRC"; return; fi
  local common candidate
  common=$(git -C "$repo" rev-parse --path-format=absolute --git-common-dir 2>/dev/null || true)
  for candidate in "$repo/../shared/peer-bench" ${common:+"$common/../../shared/peer-bench"}; do
    if [ -f "$candidate/driver.js" ]; then (cd "$candidate" && pwd); return; fi
  done
  echo "compare.sh: ../shared/peer-bench not found; set PEER_BENCH_SRC to the folder with driver.js and peer-bot.js" >&2
  return 1
}

# As ../shared/peer-bench/README.md says: copied to /tmp, npm install once (its install scripts fail offline).
install_peer() {
  local source=$1 file name deps_changed=0
  mkdir -p "$peer_dir"
  for file in "$source"/*.js "$source/package.json"; do
    name=$(basename "$file")
    if ! cmp -s "$file" "$peer_dir/$name"; then
      cp "$file" "$peer_dir/$name"
      [ "$name" = package.json ] && deps_changed=1
    fi
  done
  if [ "$deps_changed" = 1 ] || [ ! -d "$peer_dir/node_modules/botbuilder-dialogs" ]; then
    log "Installing the peer (botbuilder) into $peer_dir"
    (cd "$peer_dir" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error >&2)
  fi
}

free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 40000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}

# Waits until PORT accepts connections while PID lives.
wait_port() {
  local port=$1 pid=$2 i
  for ((i = 0; i < start_timeout * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || return 1
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}

# Waits, while PID lives, until FILE holds COUNT (default 1) lines matching REGEX.
wait_line() { # FILE REGEX PID SECONDS [COUNT]
  local file=$1 regex=$2 pid=$3 seconds=$4 count=${5:-1} i
  for ((i = 0; i < seconds * 10; i++)); do
    [ "$(grep -c -- "$regex" "$file" 2>/dev/null)" -ge "$count" ] && return 0
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

# Sends SIGTERM, then SIGKILL after SECONDS.
stop_process() {
  local pid=$1 seconds=${2:-30} i
  kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < seconds * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

value() { sed -n "s/^$1=//p" "$2" | tail -n 1; }

# One field of driver.js's JSON line (empty when the run failed).
field() {
  node -e 'try { const o = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").pop());
             const v = o[process.argv[2]]; console.log(v === undefined ? "" : v); } catch { console.log(""); }' "$1" "$2"
}

# Paragraph turns among TURNS: turn k sends line k mod LINES, and line 0 («soạn báo cáo») saves nothing.
paragraph_turns() { echo $(( $1 - ($1 + $2 - 1) / $2 )); }

peer_pid=""
driver_pid=""
seed_pid=""
bot_pid=""
failures=0
cleanup() {
  set +e
  [ -n "$driver_pid" ] && stop_process "$driver_pid" 5
  [ -n "$peer_pid" ] && stop_process "$peer_pid" 5
  # peer-seed kills its bot and drops its PostgreSQL database on SIGTERM.
  [ -n "$seed_pid" ] && stop_process "$seed_pid" 60
  [ -n "$bot_pid" ] && kill -KILL "$bot_pid" 2>/dev/null
  [ -n "${work:-}" ] && rm -f "$work/soket.pid"
}
trap cleanup EXIT
trap 'echo "compare.sh: interrupted; stopping the bots" >&2; exit 130' INT
trap 'echo "compare.sh: terminated; stopping the bots" >&2; exit 143' TERM

peer_source=$(find_peer_source)
install_peer "$peer_source"
if [ "$build" = 1 ]; then
  log "Building SoKet (Release)"
  build_log=$(mktemp "${TMPDIR:-/tmp}/soket-compare-build.XXXXXX")
  if ! dotnet build "$repo/bench/SoKet.Bench.Turns" -c Release -nologo -v:q -clp:NoSummary -warnaserror >"$build_log" 2>&1; then
    cat "$build_log" >&2; rm -f "$build_log"; exit 1
  fi
  rm -f "$build_log"
fi
bench_dll="$repo/bench/SoKet.Bench.Turns/bin/Release/net10.0/SoKet.Bench.Turns.dll"
[ -f "$bench_dll" ] || { echo "compare.sh: $bench_dll is missing; run without --no-build" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/soket-compare.XXXXXX")
cp "$(dirname "$bench_dll")/messages.txt" "$work/messages.txt"
lines=$(grep -c . "$work/messages.txt")
results="$work/results.tsv"
: >"$results"

commit=$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo "?")
git -C "$repo" diff --quiet HEAD 2>/dev/null || commit="$commit+changes"
warmup_note=""
[ "$warmup" -gt 0 ] && warmup_note=", $warmup warm-up run(s) of the same shape before each measured run"
echo "SoKet ($commit, $store) vs botbuilder $(node -p 'require(process.argv[1]).version' "$peer_dir/node_modules/botbuilder/package.json")" \
  "(node $(node --version)); $conversations conversations × $turns turns, $rounds round(s)$warmup_note"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?'); logs in $work"
echo "While SoKet runs, its bot's pid is in $work/soket.pid (for dotnet-counters / dotnet-trace, see bench/README.md)."
echo
printf '%-4s %-6s %7s %9s %9s %9s  %s\n' run bot turns turns/s p50_ms p99_ms notes

# driver.js URL [messages]: writes its JSON line to OUT; returns non-zero when it failed or timed out.
drive() {
  local url=$1 n=$2 k=$3 out=$4 messages=${5:-}
  local args=("$peer_dir/driver.js" "$url" "$n" "$k")
  [ -n "$messages" ] && args+=("$messages" emulator)
  # In the background, so that a signal to this script is handled at once, not when the driver ends.
  timeout "$driver_timeout" node "${args[@]}" >"$out" 2>"$out.err" &
  driver_pid=$!
  local status=0
  wait "$driver_pid" || status=$?
  driver_pid=""
  return "$status"
}

row() { # run bot out notes
  local tps p50 p99 n
  n=$(field "$3" turns); tps=$(field "$3" turns_per_s); p50=$(field "$3" p50_ms); p99=$(field "$3" p99_ms)
  if [ -z "$tps" ]; then
    failures=$((failures + 1))
    printf '%-4s %-6s %7s %9s %9s %9s  %s\n' "$1" "$2" "-" "-" "-" "-" "FAILED: $(cat "$3" "$3.err" 2>/dev/null | head -c 300 | tr '\n' ' ') $4"
    return
  fi
  printf '%s\t%s\t%s\t%s\t%s\n' "$2" "$tps" "$p50" "$p99" "$n" >>"$results"
  printf '%-4s %-6s %7s %9s %9s %9s  %s\n' "$1" "$2" "$n" "$tps" "$p50" "$p99" "$4"
}

run_peer() {
  local r=$1 port out="$work/peer-$1.json" w
  port=$(free_port)
  node "$peer_dir/peer-bot.js" "$port" >"$work/peer-$r.log" 2>&1 &
  peer_pid=$!
  if ! wait_port "$port" "$peer_pid" ; then
    failures=$((failures + 1)); echo "$r    peer   FAILED: peer-bot.js did not listen on $port (see $work/peer-$r.log)"
    stop_process "$peer_pid" 5; peer_pid=""; return
  fi
  for ((w = 1; w <= warmup; w++)); do
    drive "http://127.0.0.1:$port/api/messages" "$conversations" "$turns" "$work/peer-$r.warmup-$w.json" || true
  done
  drive "http://127.0.0.1:$port/api/messages" "$conversations" "$turns" "$out" || true
  stop_process "$peer_pid" 5
  peer_pid=""
  row "$r" peer "$out" ""
}

run_soket() {
  local r=$1 out="$work/soket-$1.json" seed_out="$work/soket-$1.out" url revisions expected errors notes w
  local args=(peer-seed --conversations "$conversations" --store "$store" --messages "$work/messages.txt"
              --bot-log "$work/soket-$r.bot.log" --max-seconds $((driver_timeout * 2 + start_timeout + 60)))
  [ "$keep" = 1 ] && args+=(--keep)
  [ -n "$bot_dll" ] && args+=(--bot "$bot_dll")
  dotnet "$bench_dll" "${args[@]}" >"$seed_out" 2>"$work/soket-$r.err" &
  seed_pid=$!
  if ! wait_line "$seed_out" "^ready$" "$seed_pid" "$start_timeout"; then
    failures=$((failures + 1)); echo "$r    soket  FAILED: the bot did not start ($(tail -n 3 "$work/soket-$r.err" | tr '\n' ' '))"
    stop_process "$seed_pid" 60; seed_pid=""; return
  fi
  url=$(value url "$seed_out")
  bot_pid=$(value pid "$seed_out")
  echo "$bot_pid" >"$work/soket.pid"
  for ((w = 1; w <= warmup; w++)); do
    drive "$url" "$conversations" "$turns" "$work/soket-$r.warmup-$w.json" "$work/messages.txt" || true
    # The reports go back to their first section (the warm-up's paragraphs stay counted), so the next run saves
    # into the same sections a cold run does instead of running past the outline's end.
    kill -USR1 "$seed_pid"
    wait_line "$seed_out" "^reset revisions=" "$seed_pid" 60 "$w" || echo "$r    soket  warm-up reset $w not confirmed" >&2
  done
  drive "$url" "$conversations" "$turns" "$out" "$work/messages.txt" || true
  # SIGTERM: peer-seed kills the bot (SIGKILL), then counts what the store holds.
  stop_process "$seed_pid" 120
  seed_pid=""; bot_pid=""; rm -f "$work/soket.pid"

  revisions=$(value section_revisions "$seed_out")
  errors=$(value bot_errors "$seed_out")
  expected=$(( conversations * $(paragraph_turns "$turns" "$lines") ))
  expected=$(( expected * (warmup + 1) ))
  if [ -z "$revisions" ]; then
    notes="store not counted (see $work/soket-$r.err)"; failures=$((failures + 1))
  else
    notes="revisions $revisions/$expected"
    [ "$revisions" = "$expected" ] || { notes="$notes MISSING $((expected - revisions))"; failures=$((failures + 1)); }
  fi
  [ "${errors:-0}" = 0 ] || { notes="$notes; bot errors $errors (see $work/soket-$r.bot.log)"; failures=$((failures + 1)); }
  row "$r" soket "$out" "$notes"
}

for ((r = 1; r <= rounds; r++)); do
  # Alternate which bot goes first, so a drifting machine load does not favour one of them.
  if (( r % 2 == 1 )); then run_peer "$r"; run_soket "$r"; else run_soket "$r"; run_peer "$r"; fi
done

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
column_median() { awk -F'\t' -v bot="$1" -v c="$2" '$1 == bot { print $c }' "$results" | median; }
echo
printf '%-11s %-6s %9s %9s %9s\n' median bot turns/s p50_ms p99_ms
for bot in peer soket; do
  printf '%-11s %-6s %9s %9s %9s\n' "" "$bot" "$(column_median "$bot" 2)" "$(column_median "$bot" 3)" "$(column_median "$bot" 4)"
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "-" || b == "-" || b == 0) print "-"; else printf "%.2f\n", a / b }'; }
echo
echo "SoKet/peer turns/s: $(ratio "$(column_median soket 2)" "$(column_median peer 2)")" \
  "(p50 SoKet/peer: $(ratio "$(column_median soket 3)" "$(column_median peer 3)"))"
echo "(noisy machine: compare only runs made side by side; logs in $work)"
[ "$failures" -eq 0 ] || { echo "compare.sh: $failures problem(s), see the notes above" >&2; exit 1; }
