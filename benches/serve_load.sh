#!/usr/bin/env bash
# Load test of `dossier serve` on loopback: CLIENTS concurrent connections for SECONDS
# against an index, one-term queries with facets, through wrk (Debian's package).
#
#   benches/serve_load.sh INDEX [CLIENTS] [SECONDS]
#
# Two routes are measured one after the other: the search page (`/?q=TERM`: the hits,
# seven facets of the sidebar and the timeline) and the API (`/api/search?q=TERM
# &facets=1`: the hits and the default facets, as `dossier search --json --facets`).
# The server's resident memory is read every second. SERVE_ARGS adds options to the
# server (`SERVE_ARGS="--cache 0"`: every request searches), TERMS replaces the
# rotation of query terms. Prints one JSON line per route
# and the memory; BENCHMARKS.md has the figures. wrk runs on the same two cores as
# the server, so the figures are those of a laptop serving itself.
set -euo pipefail
cd "$(dirname "$0")/.."
INDEX=${1:?usage: benches/serve_load.sh INDEX [CLIENTS] [SECONDS]}
CLIENTS=${2:-50}
SECONDS_=${3:-20}
DOSSIER=${DOSSIER:-target/release/dossier}
command -v wrk >/dev/null || { echo "wrk is needed: apt install wrk" >&2; exit 2; }
[ -x "$DOSSIER" ] || cargo build --release --bin dossier
# Terms every generated corpus and real cable collection holds, common and rare.
export TERMS=${TERMS:-"security intelligence damascus minister embassy sanctions meeting border"}

log=$(mktemp)
# shellcheck disable=SC2086 # SERVE_ARGS is a list of options
"$DOSSIER" serve --index "$INDEX" --bind 127.0.0.1:0 ${SERVE_ARGS:-} 2>"$log" &
pid=$!
trap 'kill $pid 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 100); do grep -q http:// "$log" && break; sleep 0.1; done
url=$(grep -o 'http://[^ ]*' "$log" | sed 's:/$::')
rss() { awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$pid/status"; }
echo "{\"index\":\"$INDEX\",\"clients\":$CLIENTS,\"seconds\":$SECONDS_,\"rss_start_mib\":$(rss)}"

for route in '/?q=%s' '/api/search?q=%s&facets=1'; do
  # Warm the page cache and the server's view before measuring.
  ROUTE="$route" wrk -t2 -c4 -d2s -s benches/serve/rotate.lua "$url" >/dev/null
  samples=$(mktemp)
  ( while kill -0 $pid 2>/dev/null; do rss >> "$samples"; sleep 1; done ) &
  sampler=$!
  result=$(ROUTE="$route" wrk -t2 -c"$CLIENTS" -d"${SECONDS_}s" --timeout 10s \
    -s benches/serve/rotate.lua "$url" | tail -1)
  kill $sampler 2>/dev/null; wait $sampler 2>/dev/null || true
  mem=$(sort -n "$samples" | awk 'NR==1 {min=$1} {max=$1} END {printf "\"rss_min_mib\":%d,\"rss_max_mib\":%d", min, max}')
  rm -f "$samples"
  body=${result#\{}
  echo "{\"route\":\"$route\",${body%\}},$mem}"
done
echo "{\"rss_end_mib\":$(rss)}"
