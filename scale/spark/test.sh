#!/usr/bin/env bash
# The Spark job end to end on a standalone cluster on 127.0.0.1 (a master and two
# one-core workers), over ../shared/corpus (seeds, cable pages, real documents) and
# a hostile file:
#   1. the job's records equal `dossier parse --json --body` of the same files, as
#      sets, and the hostile file is in the manifest with its reason;
#   2. an index built with `index --records` answers fixed searches exactly as one
#      built with `dossier index` from the files;
#   3. a second run after changing, adding and deleting files extracts only those,
#      and the index follows;
#   4. a worker killed with kill -9 mid-job: Spark retries its tasks and the output
#      has every record once.
# The cluster processes are stopped by their ids, pass or fail.
#
# usage: scale/spark/test.sh [DOSSIER_BINARY]   (default: target/debug/dossier)
# Needs java; pyspark is installed into $DOSSIER_SPARK_VENV (default
# ~/.cache/dossier/spark-venv) on first use and reused after.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
bin="$(realpath "${1:-$repo/target/debug/dossier}")"
shared="$repo/../shared/corpus"
if ! command -v java >/dev/null; then
  echo "spark test skipped: no java"; exit 0
fi
if [ ! -d "$shared/cablegate" ]; then
  echo "spark test skipped: $shared not found"; exit 0
fi
venv="${DOSSIER_SPARK_VENV:-${HOME:-/tmp}/.cache/dossier/spark-venv}"
if [ ! -x "$venv/bin/spark-submit" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q pyspark
fi
spark_home="$("$venv/bin/python" -c 'import os, pyspark; print(os.path.dirname(pyspark.__file__))')"
export SPARK_HOME="$spark_home" PYSPARK_PYTHON="$venv/bin/python" SPARK_LOCAL_IP=127.0.0.1

work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do
    for child in $(pgrep -P "$pid" 2>/dev/null); do
      pkill -9 -P "$child" 2>/dev/null || true
      kill -9 "$child" 2>/dev/null || true
    done
    kill -9 "$pid" 2>/dev/null || true
  done
  # Executors the workers started, by the work directory only this run uses.
  pkill -9 -f "$work" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

port=$(( 17000 + RANDOM % 2000 ))
"$SPARK_HOME/bin/spark-class" org.apache.spark.deploy.master.Master \
  --host 127.0.0.1 --port "$port" --webui-port $((port + 1)) >"$work/master.log" 2>&1 &
pids+=($!)
for _ in $(seq 60); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 1
done
master="spark://127.0.0.1:$port"
start_worker() {
  mkdir -p "$work/worker$1"
  "$SPARK_HOME/bin/spark-class" org.apache.spark.deploy.worker.Worker "$master" \
    --host 127.0.0.1 --cores 1 --memory 1g --work-dir "$work/worker$1" \
    --webui-port $((port + 1 + $1)) >"$work/worker$1.log" 2>&1 &
  pids+=($!)
  worker_pids[$1]=$!
}
declare -a worker_pids
start_worker 1
start_worker 2
sleep 5

corpus="$work/corpus"
mkdir -p "$corpus/hostile"
cp -r "$shared/seeds" "$shared/cablegate" "$shared/real/docs" "$corpus/"
rm -f "$corpus/seeds/"*.jsonl
printf '\x00\x01\x02 not a document \x00' > "$corpus/hostile/blob.txt"

submit() {
  "$SPARK_HOME/bin/spark-submit" --master "$master" --files "$bin" \
    --conf spark.task.maxFailures=8 --conf spark.ui.enabled=false \
    "$here/extract.py" "$@" 2>"$work/submit.log"
}
expect_same_records() {  # OUT: the job's records against parse of the corpus
  (cd "$corpus" && find . -type f ! -path '*/.*' | sed 's|^\./||' | sort \
    | { xargs -d '\n' "$bin" parse --json --body 2>/dev/null || true; } | sort) >"$work/parsed"
  zcat "$1"/records/part-*.gz | sort >"$work/job"
  if ! cmp -s "$work/parsed" "$work/job"; then
    echo "FAIL: the job's records differ from parse's ($(wc -l <"$work/job") vs $(wc -l <"$work/parsed"))"
    diff <(cut -c1-120 "$work/parsed") <(cut -c1-120 "$work/job") | sed -n 1,5p
    exit 1
  fi
  echo "ok: $(wc -l <"$work/job") records, each once, equal to parse's"
}
same_answers() {  # INDEX_A INDEX_B: fixed searches answer alike
  for q in "Mamlouk --facets" "'*' --facets --facet place --facet cites --limit 50" \
           "Hizballah --kind cable --sort -date" "'\"political umbrella\"'" "'*' --collapse --limit 5"; do
    a="$(eval "$bin" search $q --json --index "$1" | sed 's/"took_ms":[0-9]*//')"
    b="$(eval "$bin" search $q --json --index "$2" | sed 's/"took_ms":[0-9]*//')"
    if [ "$a" != "$b" ]; then echo "FAIL: search $q differs"; exit 1; fi
  done
  echo "ok: fixed searches answer alike"
}

echo "== run 1"
submit --corpus "$corpus" --out "$work/out1" | tee "$work/run1.json"
expect_same_records "$work/out1"
grep -q '"path": "hostile/blob.txt".*"error": "binary' "$work/out1/manifest/part-00000" \
  || { echo "FAIL: the hostile file is not in the manifest with its reason"; exit 1; }
echo "ok: the hostile file is in the failures with its reason"
"$bin" index --records "$work"/out1/records/part-*.gz --index "$work/idx_records" >/dev/null 2>&1 || true
"$bin" index "$corpus" --index "$work/idx_files" >/dev/null 2>&1 || true
same_answers "$work/idx_records" "$work/idx_files"

echo "== run 2: one file changed, one added, one deleted"
changed="$(cd "$corpus" && ls docs/a0*.txt 2>/dev/null | sed -n 1p || true)"
[ -n "$changed" ] || changed="$(cd "$corpus" && find docs -type f | sort | sed -n 1p)"
printf '\nZanzibarword appears in an added paragraph.\n' >>"$corpus/$changed"
cp "$shared/../corpus/seeds/"*.txt "$corpus/hostile/" 2>/dev/null || true
added="hostile/$(ls "$corpus/hostile" | grep -v blob | sed -n 1p)"
deleted="$(cd "$corpus" && find cablegate -type f | sort | sed -n 1p)"
rm "$corpus/$deleted"
submit --corpus "$corpus" --out "$work/out2" --previous "$work/out1" | tee "$work/run2.json"
extracted="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["extracted_files"])' "$work/run2.json")"
new_files=$(( $(ls "$corpus/hostile" | grep -vc blob) + 1 ))
[ "$extracted" = "$new_files" ] || { echo "FAIL: extracted $extracted files, expected $new_files (changed + added)"; exit 1; }
echo "ok: only the $extracted changed and added files were extracted"
expect_same_records "$work/out2"
"$bin" index --records "$work"/out2/records/part-*.gz --index "$work/idx_records" --json >"$work/update.json" || true
python3 - "$work/update.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
assert s["updated"] >= 1 and s["added"] >= 1 and s["removed"] >= 1, s
print("ok: index --records followed:", {k: s[k] for k in ("added", "updated", "removed", "unchanged")})
PY
"$bin" index "$corpus" --index "$work/idx_files" >/dev/null 2>&1 || true
same_answers "$work/idx_records" "$work/idx_files"

echo "== run 3: a worker killed with kill -9 mid-job"
# Killed once its executor has started work: the worker and the executor it runs.
before="$(ls -d "$work"/worker2/app-* 2>/dev/null | wc -l)"
(
  for _ in $(seq 240); do
    [ "$(ls -d "$work"/worker2/app-* 2>/dev/null | wc -l)" -gt "$before" ] && break
    sleep 0.25
  done
  sleep 4
  # The worker's process tree: its JVM, the executor JVM it forked, their children.
  tree="${worker_pids[2]}"
  frontier="$tree"
  while [ -n "$frontier" ]; do
    frontier="$(for p in $frontier; do pgrep -P "$p" || true; done | tr '\n' ' ')"
    tree="$tree $frontier"
  done
  echo $tree | tr ' ' '\n' | grep . >"$work/killed"
  xargs -r kill -9 <"$work/killed"
) &
killer=$!
submit --corpus "$corpus" --out "$work/out3" --partitions 16 | tee "$work/run3.json"
wait "$killer" || true
grep -qiE "lost executor|executorlost|worker.*(removed|lost)|remove worker" "$work/submit.log" \
  || { echo "FAIL: the job did not see a worker die (killed: $(tr '\n' ' ' <"$work/killed"))"; exit 1; }
echo "ok: the job lost a worker mid-run and went on: $(grep -iE "lost executor|executorlost|worker.*(removed|lost)|remove worker" "$work/submit.log" | sed -n 1p | cut -c1-160)"
expect_same_records "$work/out3"
echo "spark test passed"
