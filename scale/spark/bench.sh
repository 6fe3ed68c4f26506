#!/usr/bin/env bash
# Times the Spark job on a loopback standalone cluster of 1 and of 2 one-core
# workers over CORPUS, alternating, and `dossier index --records` of its output
# against `dossier index` of the files. Prints one line per run.
#
# usage: scale/spark/bench.sh CORPUS [ROUNDS] [DOSSIER_BINARY]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
corpus="$(realpath "$1")"
rounds="${2:-1}"
bin="$(realpath "${3:-$here/../../target/release/dossier}")"
venv="${DOSSIER_SPARK_VENV:-${HOME:-/tmp}/.cache/dossier/spark-venv}"
[ -x "$venv/bin/spark-submit" ] || { python3 -m venv "$venv"; "$venv/bin/pip" install -q pyspark; }
export SPARK_HOME="$("$venv/bin/python" -c 'import os, pyspark; print(os.path.dirname(pyspark.__file__))')"
export PYSPARK_PYTHON="$venv/bin/python" SPARK_LOCAL_IP=127.0.0.1
work="$(mktemp -d)"
pids=()
stop_all() {
  for pid in "${pids[@]}"; do
    for child in $(pgrep -P "$pid" 2>/dev/null); do pkill -9 -P "$child" 2>/dev/null || true; kill -9 "$child" 2>/dev/null || true; done
    kill -9 "$pid" 2>/dev/null || true
  done
  pids=()
}
trap 'stop_all; rm -rf "$work"' EXIT
now() { date +%s.%N; }

cluster() {  # WORKERS: a master and that many one-core workers
  port=$(( 19000 + RANDOM % 2000 ))
  "$SPARK_HOME/bin/spark-class" org.apache.spark.deploy.master.Master --host 127.0.0.1 \
    --port "$port" --webui-port $((port + 1)) >"$work/master.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 60); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 1; done
  for w in $(seq "$1"); do
    # Each worker, its executor and the processes they start on a core of their own:
    # unpinned, one worker's JVM, Python and dossier processes spread over every core.
    taskset -c $(( (w - 1) % $(nproc) )) \
    "$SPARK_HOME/bin/spark-class" org.apache.spark.deploy.worker.Worker "spark://127.0.0.1:$port" \
      --host 127.0.0.1 --cores 1 --memory 2g --work-dir "$work/w$w" \
      --webui-port $((port + 1 + w)) >"$work/worker$w.log" 2>&1 &
    pids+=($!)
  done
  sleep 5
}

job() {  # WORKERS OUT
  cluster "$1"
  local start; start=$(now)
  "$SPARK_HOME/bin/spark-submit" --master "spark://127.0.0.1:$port" --files "$bin" \
    --conf spark.ui.enabled=false --executor-memory 2g \
    "$here/extract.py" --corpus "$corpus" --out "$2" --partitions 32 >/dev/null 2>"$work/submit.log"
  echo "job on $1 worker(s): $(echo "$(now) - $start" | bc) s"
  stop_all
}

for r in $(seq "$rounds"); do
  rm -rf "$work/out1" "$work/out2"
  if [ $((r % 2)) = 1 ]; then job 1 "$work/out1"; job 2 "$work/out2"; else job 2 "$work/out2"; job 1 "$work/out1"; fi
done
start=$(now); "$bin" index --records "$work"/out2/records/part-*.gz --index "$work/idx_r" >/dev/null 2>&1 || true
echo "index --records: $(echo "$(now) - $start" | bc) s"
start=$(now); "$bin" index "$corpus" --index "$work/idx_f" >/dev/null 2>&1 || true
echo "index (files): $(echo "$(now) - $start" | bc) s"
echo "records: $(zcat "$work"/out2/records/part-*.gz | wc -l), $(du -sh "$work/out2/records" | cut -f1) gzip"
