"""dossier extraction on an Apache Spark cluster.

    spark-submit --master spark://HOST:7077 --files /path/to/dossier \
        scale/spark/extract.py --corpus DIR_OR_URI --out OUT [--previous OLD_OUT]

Reads every file under CORPUS (a local folder or any URI Hadoop reads: hdfs://,
s3a://, ...), runs `dossier parse --json --body` on the executors, one process per
partition, and writes to OUT:

- records/part-*.gz   the records of the whole collection, NDJSON, gzip: what
                      `dossier index --records OUT/records/part-*.gz` indexes;
- manifest/part-*     one JSON line per file: {"path", "hash" (SHA-256 of the bytes),
                      "ids" (its records' ids), "error" (why it gave none, or null)}.

With --previous, files whose path and hash are in the previous output's manifest are
not extracted again: their records are carried over from it; new and changed files
are extracted; files gone from the corpus drop out. Paths are relative to CORPUS, as
`dossier index CORPUS` makes them, so ids match. A file dossier cannot read lands in
the manifest with its reason; a partition whose dossier process dies is parsed again
file by file, so one hostile file fails alone and never fails the job.
"""

import argparse
import hashlib
import json
import os
import shutil
import stat
import subprocess
import tempfile

from pyspark import SparkFiles
from pyspark.sql import SparkSession


def dossier_binary():
    """The binary shipped with --files, made executable on this executor."""
    path = SparkFiles.get("dossier")
    mode = os.stat(path).st_mode
    if not mode & stat.S_IXUSR:
        os.chmod(path, mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return path


def relative(uri, root):
    """`file:/data/corpus/a/b.txt` under `file:/data/corpus` -> `a/b.txt`."""
    return uri[len(root):].lstrip("/")


def listing(root):
    """Paths of the files under root, relative to it; hidden entries skipped, as
    `dossier index` skips them."""
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in names:
            if not name.startswith("."):
                yield os.path.relpath(os.path.join(folder, name), root)


def read(root, path):
    with open(os.path.join(root, path), "rb") as f:
        return f.read()


def parse(binary, workdir, paths):
    """Runs dossier on files under workdir: (records by path, errors by path), or
    None when the process died (a crash, a signal)."""
    run = subprocess.run(
        [binary, "parse", "--json", "--body", *paths],
        cwd=workdir,
        capture_output=True,
        timeout=3600,
    )
    if run.returncode not in (0, 1, 2) or (run.returncode == 2 and not run.stdout):
        if len(paths) > 1 or run.returncode < 0:
            return None
    records = {}
    for line in run.stdout.decode("utf-8", "replace").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        records.setdefault(record["path"].split("#")[0], []).append(line)
    errors = {}
    for line in run.stderr.decode("utf-8", "replace").splitlines():
        if line.startswith("dossier: "):
            rest = line[len("dossier: "):]
            for path in paths:
                if rest.startswith(path + ": "):
                    errors[path] = rest[len(path) + 2:]
    return records, errors


def extract_partition(files):
    """(path, bytes) pairs -> ("record", line) and ("manifest", line) pairs."""
    files = list(files)
    if not files:
        return
    binary = dossier_binary()
    workdir = tempfile.mkdtemp(prefix="dossier-")
    try:
        for path, content in files:
            target = os.path.join(workdir, path)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as out:
                out.write(content)
        paths = [p for p, _ in files]
        parsed = parse(binary, workdir, paths)
        if parsed is None:
            # The process died: each file alone, so the hostile one fails by itself.
            records, errors = {}, {}
            for path in paths:
                one = parse(binary, workdir, [path])
                if one is None:
                    errors[path] = "dossier stopped on this file (crash or signal)"
                else:
                    records.update(one[0])
                    errors.update(one[1])
        else:
            records, errors = parsed
        for path, content in files:
            lines = records.get(path, [])
            for line in lines:
                yield ("record", line)
            ids = [json.loads(line)["id"] for line in lines]
            error = None if lines else errors.get(path, "no records")
            yield ("manifest", json.dumps({
                "path": path,
                "hash": hashlib.sha256(content).hexdigest(),
                "ids": ids,
                "error": error,
            }))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", required=True, help="folder or Hadoop URI")
    parser.add_argument("--out", required=True, help="output folder or URI (new)")
    parser.add_argument("--previous", help="output of an earlier run, to reuse")
    parser.add_argument("--partitions", type=int, default=0,
                        help="partitions (default: twice the cores)")
    args = parser.parse_args()

    spark = SparkSession.builder.appName("dossier-extract").getOrCreate()
    sc = spark.sparkContext
    partitions = args.partitions or 2 * sc.defaultParallelism

    if "://" in args.corpus:
        # Any Hadoop URI: Spark lists and reads the files.
        sc._jsc.hadoopConfiguration().set(
            "mapreduce.input.fileinputformat.input.dir.recursive", "true")
        root = args.corpus.rstrip("/")
        files = sc.binaryFiles(root, minPartitions=partitions) \
            .map(lambda pc: (relative(pc[0], root), pc[1])).repartition(partitions)
    else:
        # A folder every executor sees (one machine, or a shared mount): the driver
        # lists it, executors read their files. Hadoop's listing and reading of many
        # small local files cost more than the extraction.
        root = os.path.abspath(args.corpus)
        listed = sorted(listing(root))
        files = sc.parallelize(listed, max(1, min(partitions, len(listed)))) \
            .map(lambda path: (path, read(root, path)))
    files = files.filter(lambda pc: not any(part.startswith(".") for part in pc[0].split("/")))

    carried = sc.emptyRDD()
    carried_manifest = sc.emptyRDD()
    if args.previous:
        previous = args.previous if "://" in args.previous else \
            "file://" + os.path.abspath(args.previous)
        old_manifest = sc.textFile(previous + "/manifest").map(json.loads)
        hashes = files.map(lambda pc: (pc[0], hashlib.sha256(pc[1]).hexdigest()))
        # (path, hash) pairs unchanged since the previous run.
        unchanged = hashes.join(old_manifest.map(lambda m: (m["path"], m["hash"]))) \
            .filter(lambda kv: kv[1][0] == kv[1][1]).map(lambda kv: (kv[0], True))
        kept = set(unchanged.keys().collect())
        kept_b = sc.broadcast(kept)
        files = files.filter(lambda pc: pc[0] not in kept_b.value)
        carried = sc.textFile(previous + "/records").filter(
            lambda line: json.loads(line)["path"].split("#")[0] in kept_b.value)
        carried_manifest = old_manifest.filter(lambda m: m["path"] in kept_b.value) \
            .map(json.dumps)

    extracted = files.mapPartitions(extract_partition).cache()
    records = extracted.filter(lambda kv: kv[0] == "record").map(lambda kv: kv[1])
    manifest = extracted.filter(lambda kv: kv[0] == "manifest").map(lambda kv: kv[1])
    out = args.out if "://" in args.out else "file://" + os.path.abspath(args.out)
    records.union(carried).saveAsTextFile(
        out + "/records", compressionCodecClass="org.apache.hadoop.io.compress.GzipCodec")
    manifest.union(carried_manifest).coalesce(1).saveAsTextFile(out + "/manifest")
    counts = manifest.map(lambda line: json.loads(line)["error"] is None).countByValue()
    print(json.dumps({
        "extracted_files": counts.get(True, 0),
        "failed_files": counts.get(False, 0),
        "carried_files": carried_manifest.count(),
    }))
    spark.stop()


if __name__ == "__main__":
    main()
