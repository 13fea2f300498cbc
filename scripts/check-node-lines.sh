#!/usr/bin/env bash
# Runs lint, type check, unit and integration tests and an `npm start` smoke test (home page answers,
# Ctrl-C stops cleanly) under the newest release of each Node line given (default: 20.11 22 24), with this
# checkout's node_modules. The Node builds come from the npm registry (node-<platform>-<arch> packages)
# into ~/.cache/etalase-node-lines. Not part of `npm test`: about 5 minutes a line. See docs/decisions/0014.
#
#   scripts/check-node-lines.sh            # 20.11 22 24
#   scripts/check-node-lines.sh 26         # any line, or an exact version (20.11.1)
set -uo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
cache=${XDG_CACHE_HOME:-$HOME/.cache}/etalase-node-lines
package="node-$(node -p 'process.platform')-$(node -p 'process.arch')"
lines=("$@")
[ ${#lines[@]} -gt 0 ] || lines=(20.11 22 24)
mkdir -p "$cache"
cd "$repo"
[ -d node_modules ] || { echo "run npm ci first"; exit 1; }
versions=$(npm view "$package" versions --json)
results=()
failed=0

for line in "${lines[@]}"; do
  version=$(node -e 'const [line, all] = process.argv.slice(1); const v = JSON.parse(all).filter((x) => x === line || x.startsWith(line + ".")); console.log(v.at(-1) ?? "")' "$line" "$versions")
  if [ -z "$version" ]; then results+=("$line: no $package release on the registry"); failed=1; continue; fi
  bin="$cache/$version/package/bin"
  if [ ! -x "$bin/node" ]; then
    (cd "$cache" && npm pack "$package@$version" --silent >/dev/null && mkdir -p "$version" && tar xzf "$package-$version.tgz" -C "$version" && rm "$package-$version.tgz")
  fi
  logs="$cache/logs-$version"
  mkdir -p "$logs"
  started=$(date +%s)
  steps=()
  run() {
    local name=$1
    shift
    if PATH="$bin:$PATH" "$@" >"$logs/$name.log" 2>&1; then steps+=("$name ok"); else steps+=("$name FAILED ($logs/$name.log)"); failed=1; fi
  }
  echo "== Node $version ($("$bin/node" -p 'process.release.lts ? "LTS " + process.release.lts : "not LTS"'))"
  run lint node node_modules/.bin/eslint --max-warnings 0 .
  run typecheck node node_modules/.bin/tsc --noEmit
  run vitest node node_modules/.bin/vitest run

  data=$(mktemp -d)
  port=$(node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });')
  DATA_DIR="$data" PORT=$port PATH="$bin:$PATH" setsid node node_modules/.bin/tsx scripts/start.ts >"$logs/start.log" 2>&1 &
  pid=$!
  answered=no
  for _ in $(seq 1 600); do
    if curl -sf -o /dev/null "http://localhost:$port/"; then answered=yes; break; fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 1
  done
  kill -INT -- "-$pid" 2>/dev/null
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  if [ "$answered" = yes ] && grep -q "Stopped cleanly." "$logs/start.log"; then steps+=("npm start ok"); else steps+=("npm start FAILED ($logs/start.log)"); failed=1; fi
  link="$data/postgres"
  if [ -L "$link" ]; then rm -rf "$(dirname "$(readlink "$link")")"; fi
  rm -rf "$data"
  results+=("Node $version: $(IFS=,; echo "${steps[*]}" | sed 's/,/, /g') ($(($(date +%s) - started)) s)")
done

echo
printf '%s\n' "${results[@]}"
exit $failed
