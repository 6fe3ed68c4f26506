#!/usr/bin/env bash
# compare.sh — dossier side by side with ripgrep and tantivy-cli on one generated corpus.
#
# Usage: benches/compare.sh [--docs N] [--runs N] [--index-runs N] [--work DIR]
#
# From a clean checkout: builds release, generates an N-document corpus (default
# 100,000), installs ripgrep, hyperfine, GNU time and tantivy-cli when missing, and
# prints one table. Every row is a ratio of two figures measured in this run (absolute
# times drift on shared machines; ratios from one run hold). Query figures are medians
# of --runs runs; index figures medians of --index-runs (1 by default at >= 20k docs, to
# stay under 30 minutes on 2 cores).
set -euo pipefail

DOCS=100000
RUNS=20
INDEX_RUNS=""
WORK=""
while [ $# -gt 0 ]; do
    case "$1" in
        --docs) DOCS="$2"; shift 2 ;;
        --runs) RUNS="$2"; shift 2 ;;
        --index-runs) INDEX_RUNS="$2"; shift 2 ;;
        --work) WORK="$2"; shift 2 ;;
        -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
        *) echo "compare.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
done
cd "$(dirname "$0")/.."
ROOT=$(pwd)
WORK=${WORK:-$ROOT/target/compare}
if [ -z "$INDEX_RUNS" ]; then
    if [ "$DOCS" -ge 20000 ]; then INDEX_RUNS=1; else INDEX_RUNS=3; fi
fi
RESULTS="$WORK/results.txt"
log() { echo "[compare $(date +%H:%M:%S)] $*" >&2; }
record() { echo "$1=$2" >>"$RESULTS"; }

# --- tools ---------------------------------------------------------------------------
APT_UPDATED=""
apt_install() {
    if [ -z "$APT_UPDATED" ]; then apt-get update -qq; APT_UPDATED=1; fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}
command -v rg >/dev/null || { log "installing ripgrep"; apt_install ripgrep; }
[ -x /usr/bin/time ] || { log "installing GNU time"; apt_install time; }
command -v hyperfine >/dev/null || { log "installing hyperfine"; apt_install hyperfine || true; }
command -v python3 >/dev/null || { log "installing python3"; apt_install python3; }
export PATH="$HOME/.cargo/bin:$PATH"
if ! command -v tantivy >/dev/null; then
    # Not --locked: the lock file pins traitobject 0.1.0, which no longer compiles.
    log "installing tantivy-cli (a few minutes)"
    cargo install tantivy-cli
fi

# --- build and corpus ----------------------------------------------------------------
log "building release"
cargo build --release --bin dossier --example gen_corpus
DOSSIER="$ROOT/target/release/dossier"
rm -rf "$WORK"
mkdir -p "$WORK"
: >"$RESULTS"
log "generating $DOCS documents"
"$ROOT/target/release/examples/gen_corpus" --docs "$DOCS" --seed 1 --out "$WORK/corpus" \
    --tantivy-json "$WORK/tantivy.json"
C="$WORK/corpus"
# The truth files sit beside the documents; they are labels, not documents to index.
ROOTS=("$C/articles" "$C/cables" "$C/cablegate" "$C/cables.csv")
RAW=$(du -scb "${ROOTS[@]}" | tail -1 | cut -f1)
record raw_bytes "$RAW"
record docs "$DOCS"
record cores "$(nproc)"

# Runs a command under GNU time; appends "seconds peak_kb" to the named list.
timed() {
    local name=$1; shift
    /usr/bin/time -f '%e %M' -o "$WORK/time.out" "$@" >"$WORK/$name.stdout" 2>"$WORK/$name.stderr"
    cat "$WORK/time.out" >>"$WORK/$name.times"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# --- full index ------------------------------------------------------------------------
TANTIVY_META='{"index_settings":{"docstore_compression":"lz4","docstore_blocksize":16384},"segments":[],"schema":[
{"name":"title","type":"text","options":{"indexing":{"record":"position","fieldnorms":true,"tokenizer":"default"},"stored":true,"fast":false}},
{"name":"body","type":"text","options":{"indexing":{"record":"position","fieldnorms":true,"tokenizer":"default"},"stored":true,"fast":false}},
{"name":"date","type":"text","options":{"indexing":{"record":"basic","fieldnorms":false,"tokenizer":"raw"},"stored":true,"fast":false}},
{"name":"outlet","type":"text","options":{"indexing":{"record":"basic","fieldnorms":false,"tokenizer":"raw"},"stored":true,"fast":false}}],"opstamp":0}'
for run in $(seq 1 "$INDEX_RUNS"); do
    log "full index, run $run/$INDEX_RUNS: dossier"
    sync
    rm -rf "$WORK/dossier.idx"
    timed dossier_index "$DOSSIER" index "${ROOTS[@]}" --index "$WORK/dossier.idx" --json
    log "full index, run $run/$INDEX_RUNS: tantivy-cli"
    rm -rf "$WORK/tantivy.idx"
    mkdir -p "$WORK/tantivy.idx"
    echo "$TANTIVY_META" >"$WORK/tantivy.idx/meta.json"
    # The whole of dossier's default --memory 256 as writer budget, split across threads
    # (dossier gives its writer half of it; the rest bounds its parsers and queue).
    timed tantivy_index tantivy index -i "$WORK/tantivy.idx" -f "$WORK/tantivy.json" -t "$(nproc)" -m 268435456
done
record dossier_index_s "$(cut -d' ' -f1 "$WORK/dossier_index.times" | median)"
record dossier_index_rss_kb "$(cut -d' ' -f2 "$WORK/dossier_index.times" | median)"
record tantivy_index_s "$(cut -d' ' -f1 "$WORK/tantivy_index.times" | median)"
record tantivy_index_rss_kb "$(cut -d' ' -f2 "$WORK/tantivy_index.times" | median)"
record dossier_index_json "$(tr -d '\n' <"$WORK/dossier_index.stdout" | cut -c1-300)"
record dossier_index_bytes "$(du -sb "$WORK/dossier.idx" | cut -f1)"
record tantivy_index_bytes "$(du -sb "$WORK/tantivy.idx" | cut -f1)"

# --- queries, end to end as processes ----------------------------------------------------
# Medians in ms of several runs of each command, warm cache for all three.
bench_cmds() {
    local key=$1; shift
    if command -v hyperfine >/dev/null; then
        hyperfine -N --warmup 2 --runs "$RUNS" -i --export-json "$WORK/$key.json" "$@" >/dev/null 2>&1
        python3 - "$WORK/$key.json" "$key" >>"$RESULTS" <<'EOF'
import json, sys
rows = json.load(open(sys.argv[1]))["results"]
for i, r in enumerate(rows):
    print(f"{sys.argv[2]}_{i}_ms={r['median'] * 1000:.2f}")
EOF
    else
        local i=0
        for cmd in "$@"; do
            bash -c "$cmd" >/dev/null 2>&1 || true
            for _ in $(seq 1 "$RUNS"); do
                local t0 t1
                t0=$(date +%s%N); bash -c "$cmd" >/dev/null 2>&1 || true; t1=$(date +%s%N)
                echo $(( (t1 - t0) / 1000 ))
            done | median | awk -v k="${key}_${i}_ms" '{printf "%s=%.2f\n", k, $1/1000}' >>"$RESULTS"
            i=$((i + 1))
        done
    fi
}
for term in mamlouk torture; do
    log "query $term: dossier search vs rg vs tantivy search"
    bench_cmds "query_$term" \
        "$DOSSIER search $term --index $WORK/dossier.idx --facets --json" \
        "rg -c -i $term ${ROOTS[*]}" \
        "tantivy search -i $WORK/tantivy.idx -q body:$term"
    record "query_${term}_hits" "$("$DOSSIER" search "$term" --index "$WORK/dossier.idx" --json --limit 1 | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])' || echo '?')"
done

# --- re-index ------------------------------------------------------------------------------
for run in $(seq 1 3); do
    log "re-index unchanged, run $run/3"
    timed reindex_unchanged "$DOSSIER" index "${ROOTS[@]}" --index "$WORK/dossier.idx" --json
done
record reindex_unchanged_s "$(cut -d' ' -f1 "$WORK/reindex_unchanged.times" | median)"
record reindex_unchanged_json "$(tr -d '\n' <"$WORK/reindex_unchanged.stdout" | cut -c1-300)"
for run in $(seq 1 3); do
    # A different 1% of the files each run: every 100th, offset by the run.
    log "re-index with 1% changed, run $run/3"
    find "$C/articles" "$C/cables" "$C/cablegate" -type f | sort | awk -v k="$run" 'NR % 100 == k' \
        | while read -r f; do printf '\nUpdated on re-reading, run %s.\n' "$run" >>"$f"; done
    timed reindex_changed "$DOSSIER" index "${ROOTS[@]}" --index "$WORK/dossier.idx" --json
done
record reindex_changed_s "$(cut -d' ' -f1 "$WORK/reindex_changed.times" | median)"
record reindex_changed_json "$(tr -d '\n' <"$WORK/reindex_changed.stdout" | cut -c1-300)"

# --- the table -------------------------------------------------------------------------------
python3 - "$RESULTS" <<'EOF'
import sys
r = {}
for line in open(sys.argv[1]):
    k, _, v = line.rstrip("\n").partition("=")
    r[k] = v
f = lambda k: float(r[k])
mb = lambda b: b / 1e6
rows = []
di, ti = f("dossier_index_s"), f("tantivy_index_s")
raw = f("raw_bytes")
rows.append(("full index time", f"{di:.1f} s ({mb(raw)/di:.1f} MB/s)", f"tantivy-cli {ti:.1f} s ({mb(raw)/ti:.1f} MB/s)",
             f"throughput {ti/di:.2f}x of tantivy (bar >= 0.6x)"))
dr, tr = f("dossier_index_rss_kb") / 1024, f("tantivy_index_rss_kb") / 1024
rows.append(("full index peak RSS", f"{dr:.0f} MB", f"tantivy-cli {tr:.0f} MB; budget --memory 256",
             f"{dr/tr:.2f}x tantivy, {dr/256:.2f}x budget (bar <= 1x)"))
for term in ("mamlouk", "torture"):
    d, g, t = (f(f"query_{term}_{i}_ms") for i in range(3))
    hits = r.get(f"query_{term}_hits", "?")
    rows.append((f"query '{term}' ({hits} hits), --facets --json, process", f"{d:.1f} ms",
                 f"rg -c -i {g:.1f} ms", f"{g/d:.1f}x faster than rg (bar >= 50x)"))
    rows.append((f"query '{term}' vs tantivy search", f"{d:.1f} ms", f"tantivy-cli {t:.1f} ms", f"{d/t:.2f}x of tantivy's time"))
ru, rc = f("reindex_unchanged_s"), f("reindex_changed_s")
rows.append(("re-index, unchanged corpus", f"{ru:.2f} s", f"full build {di:.1f} s", f"{100*ru/di:.1f}% of full (bar < 5%)"))
rows.append(("re-index, 1% of files changed", f"{rc:.2f} s", f"full build {di:.1f} s", f"{100*rc/di:.1f}% of full"))
ds, ts = f("dossier_index_bytes"), f("tantivy_index_bytes")
rows.append(("index size", f"{mb(ds):.0f} MB", f"raw {mb(raw):.0f} MB; tantivy-cli {mb(ts):.0f} MB", f"{ds/raw:.2f}x raw, {ds/ts:.2f}x tantivy"))
print(f"\n{r['docs']} documents, {mb(raw):.0f} MB raw, {r['cores']} cores\n")
print("| measure | dossier | compared with | ratio |")
print("|---|---|---|---|")
for row in rows:
    print("| " + " | ".join(row) + " |")
print()
print("index --json (full):", r.get("dossier_index_json", "")[:200])
print("index --json (1% changed, last run):", r.get("reindex_changed_json", "")[:200])
EOF
