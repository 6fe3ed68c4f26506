#!/usr/bin/env bash
# compare.sh — dossier against what a user would otherwise run, on generated corpora.
#
# Usage: benches/compare.sh [--docs N[,N...]] [--runs N] [--index-runs N] [--work DIR]
#                           [--like-for-like-max N] [--chart FILE]
#
#   benches/compare.sh                                # 100,000 documents (~25 min, 2 cores)
#   benches/compare.sh --docs 10000,100000,1000000    # the scale run (~2 h, 16 GB disk)
#   benches/compare.sh --docs 2000 --runs 3           # a quick look
#
# From a clean checkout: builds release, generates each corpus with gen_corpus (seed 1),
# installs ripgrep, hyperfine, GNU time and tantivy-cli when missing, then at each size:
# full builds (both cores; and at sizes up to --like-for-like-max, 100,000 by default,
# alternated with the two-step parse-then-tantivy pipeline and with a build held to one
# core), parse MB/s per format on one core, the query set of benches/compare/queries.tsv
# (and rg over the raw files), out-of-range paging, re-index unchanged and with 1% of
# files changed, and searches during a --rebuild. benches/compare/report.py prints the
# tables and draws the chart (--chart, benches/scale.svg by default) of every size
# measured in --work. Raw figures: WORK/<docs>/results.txt and the hyperfine JSON beside.
set -euo pipefail

SIZES=100000
RUNS=10
INDEX_RUNS=""
WORK=""
LIKE_MAX=100000
CHART=""
while [ $# -gt 0 ]; do
    case "$1" in
        --docs) SIZES="$2"; shift 2 ;;
        --runs) RUNS="$2"; shift 2 ;;
        --index-runs) INDEX_RUNS="$2"; shift 2 ;;
        --work) WORK="$2"; shift 2 ;;
        --like-for-like-max) LIKE_MAX="$2"; shift 2 ;;
        --chart) CHART="$2"; shift 2 ;;
        -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
        *) echo "compare.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
done
cd "$(dirname "$0")/.."
ROOT=$(pwd)
WORK=${WORK:-$ROOT/target/compare}
CHART=${CHART:-$ROOT/benches/scale.svg}
log() { echo "[compare $(date +%H:%M:%S)] $*" >&2; }

# --- tools -----------------------------------------------------------------------------
APT_UPDATED=""
apt_install() {
    if [ -z "$APT_UPDATED" ]; then apt-get update -qq; APT_UPDATED=1; fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}
command -v rg >/dev/null || { log "installing ripgrep"; apt_install ripgrep; }
[ -x /usr/bin/time ] || { log "installing GNU time"; apt_install time; }
command -v hyperfine >/dev/null || { log "installing hyperfine"; apt_install hyperfine; }
command -v taskset >/dev/null || { log "installing util-linux"; apt_install util-linux; }
command -v python3 >/dev/null || { log "installing python3"; apt_install python3 python3-venv; }
export PATH="$HOME/.cargo/bin:$PATH"
if ! command -v tantivy >/dev/null; then
    # Not --locked: the lock file pins traitobject 0.1.0, which no longer compiles.
    log "installing tantivy-cli (about 10 minutes)"
    cargo install tantivy-cli
fi
# matplotlib draws the chart; a venv of its own, made once.
VENV=${DOSSIER_BENCH_VENV:-${HOME:-/tmp}/.cache/dossier/bench-venv}
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import matplotlib' 2>/dev/null; then
    log "installing matplotlib into $VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q matplotlib
fi

log "building release"
cargo build --release --bin dossier --example gen_corpus
DOSSIER="$ROOT/target/release/dossier"
GEN="$ROOT/target/release/examples/gen_corpus"
QUERIES="$ROOT/benches/compare/queries.tsv"
TANTIVY_META="$ROOT/benches/compare/tantivy-meta.json"
mkdir -p "$WORK"
echo "$(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- src benches || echo '+dirty')" >"$WORK/commit"

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

measure() {
    local docs=$1
    local out="$WORK/$docs"
    local results="$out/results.txt"
    local idx="$out/dossier.idx"
    record() { echo "$1=$2" >>"$results"; }
    # Runs a command under GNU time; appends "seconds peak_kb" to out/NAME.times.
    timed() {
        local name=$1; shift
        /usr/bin/time -f '%e %M' -o "$out/time.out" "$@" >"$out/$name.stdout" 2>"$out/$name.stderr"
        cat "$out/time.out" >>"$out/$name.times"
    }
    rm -rf "$out"
    mkdir -p "$out"
    : >"$results"
    log "$docs: generating the corpus"
    "$GEN" --docs "$docs" --seed 1 --out "$out/corpus" 2>"$out/gen.stderr"
    local c="$out/corpus"
    # The truth files sit beside the documents; they are labels, not documents.
    local roots=("$c/articles" "$c/cables" "$c/cablegate" "$c/cables.csv")
    local raw
    raw=$(du -scb "${roots[@]}" | tail -1 | cut -f1)
    record docs "$docs"
    record raw_bytes "$raw"
    record cores "$(nproc)"

    # --- full builds ------------------------------------------------------------------
    local runs=$INDEX_RUNS like=""
    [ "$docs" -le "$LIKE_MAX" ] && like=1
    if [ -z "$runs" ]; then
        if [ -n "$like" ] && [ "$docs" -ge 20000 ]; then runs=3; elif [ -n "$like" ]; then runs=5; else runs=1; fi
    fi
    for run in $(seq 1 "$runs"); do
        sync
        log "$docs: full build $run/$runs, both cores"
        rm -rf "$idx"
        timed index "$DOSSIER" index "${roots[@]}" --index "$idx" --json
        [ -n "$like" ] || continue
        # The two-step pipeline a user could write: dossier's records into tantivy-cli
        # with the closest schema it can express (benches/compare/tantivy-meta.json).
        # tantivy-cli refuses a JSON null where it expects text, so sed drops null
        # fields on the way. --memory 256 is dossier's whole budget; the same to Tantivy.
        log "$docs: full build $run/$runs, dossier parse | tantivy index"
        rm -rf "$out/tantivy.idx"
        mkdir -p "$out/tantivy.idx"
        cp "$TANTIVY_META" "$out/tantivy.idx/meta.json"
        timed pipeline bash -c "set -o pipefail; '$DOSSIER' parse --json --body ${roots[*]} \
            | sed -E 's/\"[a-z_]+\":null,//g' \
            | tantivy index -i '$out/tantivy.idx' -t $(nproc) -m 268435456"
        log "$docs: full build $run/$runs, one core"
        rm -rf "$idx"
        timed index_one_core taskset -c 0 "$DOSSIER" index "${roots[@]}" --index "$idx" --json
    done
    record index_s "$(cut -d' ' -f1 "$out/index.times" | median)"
    record index_rss_kb "$(cut -d' ' -f2 "$out/index.times" | sort -n | tail -1)"
    record index_json "$(tr -d '\n' <"$out/index.stdout" | cut -c1-300)"
    record index_bytes "$(du -sb "$idx" | cut -f1)"
    if [ -n "$like" ]; then
        # Ratios of neighbouring runs, then their median: the machine drifts between runs.
        record pipeline_ratio "$(paste -d' ' "$out/pipeline.times" "$out/index.times" | awk '{print $1/$3}' | median)"
        record one_core_ratio "$(paste -d' ' "$out/index_one_core.times" "$out/index.times" | awk '{print $1/$3}' | median)"
        record pipeline_s "$(cut -d' ' -f1 "$out/pipeline.times" | median)"
        record pipeline_rss_kb "$(cut -d' ' -f2 "$out/pipeline.times" | sort -n | tail -1)"
        record index_one_core_s "$(cut -d' ' -f1 "$out/index_one_core.times" | median)"
        record pipeline_refused "$(grep -c 'Failed to add document' "$out/pipeline.stderr" || true)"

        # --- parse MB/s per format on one core ------------------------------------------
        local -A formats=(
            [article_text]="$c/articles -name *.txt"
            [article_html]="$c/articles -name *.html"
            [cable_text]="$c/cables -type f"
            [viewer_html]="$c/cablegate -type f"
        )
        local name
        for name in "${!formats[@]}"; do
            # shellcheck disable=SC2086 # the find arguments are split on purpose
            set -f; find ${formats[$name]} -type f -print0 >"$out/files.$name"; set +f
            record "parse_${name}_bytes" "$(xargs -0 du -cb <"$out/files.$name" | awk '$2=="total"{s+=$1} END {print s}')"
            log "$docs: parse $name on one core"
            timed "parse_$name" taskset -c 0 xargs -0 "$DOSSIER" parse --json <"$out/files.$name"
            record "parse_${name}_s" "$(cut -d' ' -f1 "$out/parse_$name.times")"
        done
        record parse_csv_bytes "$(du -b "$c/cables.csv" | cut -f1)"
        timed parse_csv taskset -c 0 "$DOSSIER" parse --json "$c/cables.csv"
        record parse_csv_s "$(cut -d' ' -f1 "$out/parse_csv.times")"
    fi

    # --- queries, end to end as processes, warm cache ---------------------------------
    log "$docs: the query set, $RUNS runs each"
    local cmds=() rgs=() qname qargs
    while IFS=$'\t' read -r qname qargs; do
        case "$qname" in ''|'#'*) continue ;; esac
        cmds+=(-n "$qname" "$DOSSIER search $qargs --json --index $idx")
        case "$qname" in
            term-*|phrase-*)
                local pattern
                set -f; eval "local words=($qargs)"; set +f
                pattern=${words[0]}
                rgs+=(-n "$qname" "rg -c -i '$pattern' ${roots[*]}")
                ;;
        esac
    done <"$QUERIES"
    hyperfine -N --warmup 2 --runs "$RUNS" -i --export-json "$out/queries.json" "${cmds[@]}" >/dev/null 2>"$out/queries.stderr"
    local rg_runs=3
    [ "$docs" -le 100000 ] && rg_runs=5
    log "$docs: rg -c -i over the raw files, $rg_runs runs each"
    hyperfine -N --warmup 1 --runs "$rg_runs" -i --export-json "$out/rg.json" "${rgs[@]}" >/dev/null 2>"$out/rg.stderr"
    # Exit codes and hit counts, once each.
    while IFS=$'\t' read -r qname qargs; do
        case "$qname" in ''|'#'*) continue ;; esac
        set -f; eval "local args=($qargs)"; set +f
        local total status=0
        total=$("$DOSSIER" search "${args[@]}" --json --limit 1 --index "$idx" 2>/dev/null \
            | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])') || status=$?
        record "hits_$qname" "${total:-error $status}"
    done <"$QUERIES"

    # --- paging beyond any page ---------------------------------------------------------
    local flag
    for flag in --offset --limit; do
        local status=0
        /usr/bin/time -f '%M' -o "$out/time.out" "$DOSSIER" search '*' "$flag" 99999999999 --json \
            --index "$idx" >/dev/null 2>"$out/paging.stderr" || status=$?
        record "paging${flag}" "exit $status, peak $(cat "$out/time.out") KB"
    done

    # --- re-index -------------------------------------------------------------------------
    for run in 1 2 3; do
        log "$docs: re-index unchanged, run $run/3"
        timed reindex_unchanged "$DOSSIER" index "${roots[@]}" --index "$idx" --json
    done
    record reindex_unchanged_s "$(cut -d' ' -f1 "$out/reindex_unchanged.times" | median)"
    record reindex_unchanged_json "$(tr -d '\n' <"$out/reindex_unchanged.stdout" | cut -c1-300)"
    for run in 1 2 3; do
        # A different 1% of the files each run: every 100th, offset by the run.
        log "$docs: re-index with 1% of files changed, run $run/3"
        find "$c/articles" "$c/cables" "$c/cablegate" -type f | sort | awk -v k="$run" 'NR % 100 == k' \
            | while read -r f; do printf '\nUpdated on re-reading, run %s.\n' "$run" >>"$f"; done
        timed reindex_changed "$DOSSIER" index "${roots[@]}" --index "$idx" --json
    done
    record reindex_changed_s "$(cut -d' ' -f1 "$out/reindex_changed.times" | median)"
    record reindex_changed_json "$(tr -d '\n' <"$out/reindex_changed.stdout" | cut -c1-300)"

    # --- searches during a rebuild ---------------------------------------------------------
    # A loop of searches while `index --rebuild` builds a fresh index beside the live
    # one: every search must succeed and see the whole collection, old or new.
    log "$docs: searches during index --rebuild"
    local expected_term
    expected_term=$("$DOSSIER" search torture --json --limit 1 --index "$idx" \
        | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
    timed rebuild "$DOSSIER" index "${roots[@]}" --index "$idx" --rebuild --json &
    local pid=$! ok=0 errors=0 partial=0
    while kill -0 "$pid" 2>/dev/null; do
        local all term
        if all=$("$DOSSIER" search '*' --json --limit 1 --index "$idx" 2>>"$out/rebuild_search.stderr") \
            && term=$("$DOSSIER" search torture --json --limit 1 --index "$idx" 2>>"$out/rebuild_search.stderr"); then
            if [[ "$all" == *"\"total\":$docs,"* && "$term" == *"\"total\":$expected_term,"* ]]; then
                ok=$((ok + 1))
            else
                partial=$((partial + 1))
                echo "$all | $term" >>"$out/rebuild_partial.txt"
            fi
        else
            errors=$((errors + 1))
        fi
    done
    wait "$pid"
    record rebuild_s "$(cut -d' ' -f1 "$out/rebuild.times")"
    record rebuild_searches "$ok complete, $partial incomplete, $errors errors"
    record index_bytes_after_rebuild "$(du -sb "$idx" | cut -f1)"
    log "$docs: done"
}

IFS=',' read -r -a sizes <<<"$SIZES"
for docs in "${sizes[@]}"; do
    measure "$docs"
done
"$VENV/bin/python" "$ROOT/benches/compare/report.py" --work "$WORK" --chart "$CHART" | tee "$WORK/report.md"
