#!/usr/bin/env bash
# parse_cost.sh — the extraction cost per document of two revisions, side by side.
#
# Usage: benches/parse_cost.sh [--docs N] [--rounds N] [--work DIR] BASE [HEAD]
#
# BASE and HEAD are git revisions (HEAD defaults to the working tree's build). Each is
# built in its own worktree; one generated corpus of N documents (default 5,000) is
# parsed by both, files sorted, in two samples: every 8th file (A) and every 4th (B).
# A cost per document is (cost(B) - cost(A)) / (documents in B - documents in A):
# start-up (the catalogue, the regexes, compiled when first needed) cancels out, as
# it does on the 100k corpus, when A is large enough to hold every layout (a corpus
# of a few hundred documents is not: its samples differ in which regexes they build).
#   - instructions per document, from callgrind (deterministic: one run each);
#   - wall time per document, single-threaded, BASE and HEAD alternated --rounds
#     times (default 11); the median of the HEAD/BASE ratios is printed, never one
#     absolute time, as these machines drift by tens of percent within minutes.
# Needs valgrind (installed with apt when missing).
set -euo pipefail

DOCS=5000
ROUNDS=11
WORK=""
while [ $# -gt 0 ]; do
    case "$1" in
        --docs) DOCS="$2"; shift 2 ;;
        --rounds) ROUNDS="$2"; shift 2 ;;
        --work) WORK="$2"; shift 2 ;;
        -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
        -*) echo "parse_cost.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
        *) break ;;
    esac
done
[ $# -ge 1 ] || { echo "parse_cost.sh: give the BASE revision (see --help)" >&2; exit 2; }
BASE="$1"
HEAD="${2:-}"
cd "$(dirname "$0")/.."
ROOT=$(pwd)
WORK=${WORK:-$ROOT/target/parse_cost}
log() { echo "[parse_cost $(date +%H:%M:%S)] $*" >&2; }
command -v valgrind >/dev/null || {
    log "installing valgrind"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq valgrind >/dev/null
}
mkdir -p "$WORK"

# build REV NAME: a release binary of REV at $WORK/NAME (the working tree when REV is "").
build() {
    if [ -z "$1" ]; then
        cargo build --release --bin dossier --example gen_corpus >&2
        cp target/release/dossier "$WORK/$2"
        return
    fi
    local tree="$WORK/tree-$2"
    rm -rf "$tree"
    git worktree prune
    git worktree add --detach "$tree" "$1" >&2
    CARGO_TARGET_DIR="$WORK/target-$2" cargo build --release --bin dossier \
        --manifest-path "$tree/Cargo.toml" >&2
    cp "$WORK/target-$2/release/dossier" "$WORK/$2"
    git worktree remove --force "$tree"
}
log "building $BASE and ${HEAD:-the working tree}"
build "$BASE" base
build "$HEAD" head
cargo build --release --example gen_corpus >&2

CORPUS="$WORK/corpus-$DOCS"
if [ ! -d "$CORPUS" ]; then
    log "generating $DOCS documents"
    target/release/examples/gen_corpus --docs "$DOCS" --seed 1 --out "$CORPUS" >&2
fi
find "$CORPUS" -type f ! -name 'truth*' | sort >"$WORK/all"
awk 'NR%8==1' "$WORK/all" >"$WORK/A"
awk 'NR%4==1' "$WORK/all" >"$WORK/B"
# Documents, not files: the cable dump holds many in one file.
records() { "$WORK/head" parse --json $(cat "$1") 2>/dev/null | wc -l; }
EXTRA=$(($(records "$WORK/B") - $(records "$WORK/A")))

# instructions BIN SAMPLE: what callgrind collected.
instructions() {
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$1" parse --json \
        $(cat "$2") 2>&1 >/dev/null | awk '/Collected/ {print $4}'
}
for bin in base head; do
    a=$(instructions "$WORK/$bin" "$WORK/A")
    b=$(instructions "$WORK/$bin" "$WORK/B")
    echo "$bin instructions per document: $(( (b - a) / EXTRA ))"
    eval "per_$bin=$(( (b - a) / EXTRA ))"
done
python3 -c "print('head/base instructions per document: %.3f' % ($per_head / $per_base))"

log "timing, $ROUNDS alternated rounds"
python3 - "$WORK" "$ROUNDS" "$EXTRA" <<'EOF'
import os, statistics, subprocess, sys, time
work, rounds, extra = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
env = dict(os.environ, RAYON_NUM_THREADS="1")
samples = {s: open(os.path.join(work, s)).read().split() for s in ("A", "B")}
def run(binary, sample):
    start = time.perf_counter()
    subprocess.run([os.path.join(work, binary), "parse", "--json"] + samples[sample],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=True)
    return time.perf_counter() - start
sizes = {s: sum(os.path.getsize(f) for f in samples[s]) for s in samples}
ratios, rates = [], {"base": [], "head": []}
for _ in range(rounds):
    base = run("base", "B") - run("base", "A")
    head = run("head", "B") - run("head", "A")
    ratios.append(head / base)
    for name, seconds in (("base", base), ("head", head)):
        rates[name].append((sizes["B"] - sizes["A"]) / 1e6 / seconds)
print("head/base wall time per document: median %.3f of %d rounds (%.3f to %.3f)"
      % (statistics.median(ratios), rounds, min(ratios), max(ratios)))
print("MB/s per core, start-up excluded: base %.1f, head %.1f (medians; %d documents)"
      % (statistics.median(rates["base"]), statistics.median(rates["head"]), extra))
EOF
