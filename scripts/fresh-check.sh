#!/usr/bin/env bash
# The "first time right" check, as a newcomer meets the project: HEAD (git archive) in a folder only its
# owner may enter, `npm install && npm start`, the home page answers, Ctrl-C stops it cleanly, then
# `npm test` while two busy loops keep both cores of a 2-core machine busy. Prints timings at the end.
# Not part of `npm test` (it takes 20-40 minutes). Run it as root to check the root case too.
#
#   scripts/fresh-check.sh                  # in a new folder under $HOME (mode 700), removed afterwards
#   FRESH_CHECK_KEEP=1 scripts/fresh-check.sh   # keep the folder and its logs
#   FRESH_CHECK_BUSY=0 scripts/fresh-check.sh   # no busy loops
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
parent=${FRESH_CHECK_PARENT:-${HOME:-/tmp}}
work=$(mktemp -d "$parent/etalase-fresh-check.XXXXXX")
chmod 700 "$work"
project="$work/etalase"
busy_pids=()
start_pid=""
summary=()

now() { date +%s; }
say() { printf '[fresh-check] %s\n' "$*"; }
record() { summary+=("$1"); say "$1"; }

cleanup() {
  local status=$?
  for pid in "${busy_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  if [ -n "$start_pid" ] && pgrep -g "$start_pid" >/dev/null; then kill -INT -- "-$start_pid" 2>/dev/null || true; sleep 5; fi
  if [ -z "${FRESH_CHECK_KEEP:-}" ]; then
    # Run as root in this closed folder, the cluster lived behind the .data/postgres link: remove it too.
    local link="$project/.data/postgres"
    if [ -L "$link" ]; then rm -rf "$(dirname "$(readlink "$link")")"; fi
    rm -rf "$work"
  else
    say "kept $work"
  fi
  exit "$status"
}
trap cleanup EXIT

fail() {
  say "FAILED: $*"
  exit 1
}

free_port() {
  node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

say "as $(id -un) (uid $(id -u)), Node $(node -v), npm $(npm -v), $(nproc) cores"
say "folder: $work ($(stat -c '%A %U' "$work"))"
mkdir "$project"
git -C "$repo" archive HEAD | tar -x -C "$project"
cd "$project"

t=$(now)
npm install --no-audit --no-fund >"$work/install.log" 2>&1 || { tail -20 "$work/install.log"; fail "npm install"; }
record "npm install: $(($(now) - t)) s"
if grep -q "not yet covered by allowScripts" "$work/install.log"; then
  grep -A12 "not yet covered by allowScripts" "$work/install.log"
  fail "npm install warned about install scripts that allowScripts does not cover"
fi

port=$(free_port)
t=$(now)
# Its own session and process group, so the SIGINT below reaches it as Ctrl-C in a terminal would.
PORT=$port setsid npm start >"$work/start.log" 2>&1 &
start_pid=$!
until curl -sf -o /dev/null "http://localhost:$port/"; do
  if ! kill -0 "$start_pid" 2>/dev/null; then
    tail -20 "$work/start.log"
    fail "npm start ended before the home page answered"
  fi
  if [ $(($(now) - t)) -gt 900 ]; then fail "the home page did not answer within 15 minutes"; fi
  sleep 2
done
record "npm start (build, PostgreSQL, migrations, demo seed) until http://localhost:$port/ answered: $(($(now) - t)) s"
status=$(curl -s -o /dev/null -w '%{http_code}' "http://localhost:$port/")
[ "$status" = 200 ] || fail "the home page answered $status"
grep -E "PostgreSQL runs|Embedded PostgreSQL" "$work/start.log" | sed 's/^/    /' || true

t=$(now)
kill -INT -- "-$start_pid"
# npm may end first (its sh dies of the SIGINT, as in a terminal): wait for the whole process group,
# the server and its PostgreSQL included.
for _ in $(seq 1 60); do
  pgrep -g "$start_pid" >/dev/null || break
  sleep 1
done
if pgrep -g "$start_pid" >/dev/null; then fail "npm start did not stop within 60 s of SIGINT"; fi
start_pid=""
grep -q "Stopped cleanly." "$work/start.log" || { tail -10 "$work/start.log"; fail "no 'Stopped cleanly.' after SIGINT"; }
data=$(readlink -f "$project/.data/postgres")
if pgrep -f -- "-D $data" >/dev/null; then fail "a PostgreSQL on $data is still running after the stop"; fi
record "SIGINT to stopped cleanly (server and PostgreSQL): $(($(now) - t)) s"

if [ "${FRESH_CHECK_BUSY:-1}" != 0 ]; then
  for _ in 1 2; do
    node -e 'for (;;) {}' &
    busy_pids+=($!)
  done
  say "two busy loops keep the cores busy: ${busy_pids[*]}"
fi
t=$(now)
set +e
npm test >"$work/test.log" 2>&1
test_status=$?
set -e
elapsed=$(($(now) - t))
record "npm test$([ ${#busy_pids[@]} -gt 0 ] && echo ' with both cores busy'): $((elapsed / 60)) min $((elapsed % 60)) s, exit $test_status"
grep -E '^\[test\] (lint|failed at)' "$work/test.log" | sed 's/^/    /' || true
record "npm test said: $(tail -1 "$work/test.log")"
[ "$test_status" = 0 ] || { grep -E "✘|failed|Error:" "$work/test.log" | head -20; fail "npm test"; }

echo
say "summary"
for line in "${summary[@]}"; do printf '  %s\n' "$line"; done
