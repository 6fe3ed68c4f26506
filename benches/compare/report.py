"""The tables and the scale chart of benches/compare.sh, from its work directory.

Reads WORK/<docs>/results.txt (key=value lines), queries.json and rg.json (hyperfine's
exports) for every size measured, prints Markdown tables with each figure next to its
bar (../shared/DESIGN.md, "Quality bars"), and draws build time, peak RSS and query
latency against corpus size with matplotlib.
"""

import argparse
import json
import statistics
from pathlib import Path

BUDGET_MB = 256  # dossier index --memory default


def load(size_dir):
    r = {}
    for line in (size_dir / "results.txt").read_text().splitlines():
        k, _, v = line.partition("=")
        r[k] = v
    r["queries"] = {q["command"]: q for q in json.loads((size_dir / "queries.json").read_text())["results"]}
    r["rg"] = {q["command"]: q for q in json.loads((size_dir / "rg.json").read_text())["results"]}
    return r


def ok(flag):
    return "met" if flag else "**not met**"


def rebuild_clean(searches):
    complete, incomplete, errors = (int(part.split()[0]) for part in searches.split(", "))
    return complete > 0 and incomplete == 0 and errors == 0


def size_table(r):
    docs, raw = int(r["docs"]), float(r["raw_bytes"])
    build = float(r["index_s"])
    rss_mb = float(r["index_rss_kb"]) / 1024
    size = float(r["index_bytes"])
    q = r["queries"]
    medians = {name: v["median"] * 1000 for name, v in q.items()}
    maxes = {name: v["max"] * 1000 for name, v in q.items()}
    med = statistics.median(medians.values())
    slowest = max(medians, key=medians.get)
    speedups = {name: r["rg"][name]["median"] * 1000 / medians[name] for name in r["rg"]}
    worst_rg = min(speedups, key=speedups.get)
    ru, rc = float(r["reindex_unchanged_s"]), float(r["reindex_changed_s"])
    million = docs >= 1_000_000
    rows = [
        ("full build, both cores", f"{build:.1f} s, {raw / 1e6 / build:.1f} MB/s", "", ""),
        ("peak RSS of the build", f"{rss_mb:.0f} MiB", f"≤ --memory {BUDGET_MB}", ok(rss_mb <= BUDGET_MB)),
        ("index size", f"{size / 1e6:.0f} MB, {size / raw:.2f}× raw ({raw / 1e6:.0f} MB)", "≤ 0.9× raw",
         ok(size / raw <= 0.9)),
        ("query set: median of the 20 medians", f"{med:.1f} ms", "≤ 50 ms" if million else "tens of ms",
         ok(med <= 50)),
        ("query set: slowest query (median; slowest run)", f"{slowest}: {medians[slowest]:.1f} ms; "
         f"{max(maxes.values()):.1f} ms", "≤ 200 ms", ok(max(maxes.values()) <= 200)),
        ("speed-up over `rg -c -i`, least of the term and phrase queries",
         f"{speedups[worst_rg]:.0f}× ({worst_rg})", "≥ 100×" if million else "≥ 50×",
         ok(speedups[worst_rg] >= (100 if million else 50))),
        ("re-index, unchanged", f"{ru:.2f} s, {100 * ru / build:.1f}% of the build", "≤ 2%", ok(ru / build <= 0.02)),
        ("re-index, 1% of files changed", f"{rc:.2f} s, {100 * rc / build:.1f}% of the build", "≤ 5%",
         ok(rc / build <= 0.05)),
        ("searches during `index --rebuild`", r["rebuild_searches"] + f" ({float(r['rebuild_s']):.0f} s rebuild)",
         "no errors, never incomplete", ok(rebuild_clean(r["rebuild_searches"]))),
        ("`search '*' --offset 99999999999`", r["paging--offset"], "hits or exit 2, bounded", ""),
        ("`search '*' --limit 99999999999`", r["paging--limit"], "hits or exit 2, bounded", ""),
    ]
    if "pipeline_ratio" in r:
        pr, cr = float(r["pipeline_ratio"]), float(r["one_core_ratio"])
        rows.insert(1, ("vs `dossier parse --json --body | sed | tantivy index`",
                        f"{build:.1f} s vs {float(r['pipeline_s']):.1f} s: {1 / pr:.2f}× its time",
                        "≤ 0.8× its time", ok(1 / pr <= 0.8)))
        rows.insert(2, ("both cores vs one (`taskset -c 0`)",
                        f"{cr:.2f}× the throughput ({float(r['index_one_core_s']):.1f} s on one core)",
                        "≥ 1.7×", ok(cr >= 1.7)))
    out = [f"#### {docs:,} documents, {raw / 1e6:,.0f} MB raw, {r['cores']} cores", "",
           "| measure | dossier | bar | |", "|---|---|---|---|"]
    out += ["| " + " | ".join(row) + " |" for row in rows]
    out += ["", "| query | median ms | max ms | hits | rg -c -i ms | speed-up |", "|---|---|---|---|---|---|"]
    for name in medians:
        rg = r["rg"].get(name)
        rg_cells = f"{rg['median'] * 1000:.0f} | {speedups[name]:.0f}×" if rg else " | "
        out.append(f"| {name} | {medians[name]:.1f} | {maxes[name]:.1f} | {r.get('hits_' + name, '?')} | {rg_cells} |")
    if "pipeline_ratio" in r:
        out += ["", "| format (one core, `parse --json`) | MB | seconds | MB/s |", "|---|---|---|---|"]
        for fmt in ("article_text", "article_html", "cable_text", "viewer_html", "csv"):
            b, s = float(r[f"parse_{fmt}_bytes"]), float(r[f"parse_{fmt}_s"])
            out.append(f"| {fmt.replace('_', ' ')} | {b / 1e6:.0f} | {s:.1f} | {b / 1e6 / s:.1f} |")
    out += ["", f"`index --json` (full): `{r['index_json'][:160]}`",
            f"`index --json` (1% changed, last run): `{r['reindex_changed_json'][:160]}`", ""]
    return "\n".join(out)


def chart(runs, path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    docs = [int(r["docs"]) for r in runs]
    build = [float(r["index_s"]) for r in runs]
    rss = [float(r["index_rss_kb"]) / 1024 for r in runs]
    med = [statistics.median(v["median"] * 1000 for v in r["queries"].values()) for r in runs]
    worst = [max(v["median"] * 1000 for v in r["queries"].values()) for r in runs]
    fig, axes = plt.subplots(1, 3, figsize=(13, 4))
    ax = axes[0]
    ax.loglog(docs, build, "o-", label="dossier index")
    # Linear cost through the middle point: a build on the line scales linearly.
    mid = len(docs) // 2
    ax.loglog(docs, [build[mid] * d / docs[mid] for d in docs], "--", color="grey", label="linear")
    ax.set_title("full build (s)")
    ax.legend()
    ax = axes[1]
    ax.semilogx(docs, rss, "o-", label="peak RSS")
    ax.axhline(BUDGET_MB, color="red", linestyle=":", label=f"--memory {BUDGET_MB}")
    ax.set_ylim(0, max(max(rss), BUDGET_MB) * 1.2)
    ax.set_title("peak RSS of the build (MiB)")
    ax.legend()
    ax = axes[2]
    ax.semilogx(docs, med, "o-", label="median of the query set")
    ax.semilogx(docs, worst, "s-", label="slowest query (median)")
    ax.axhline(50, color="red", linestyle=":", label="50 ms")
    ax.set_title("search as a process, warm (ms)")
    ax.legend()
    for ax in axes:
        ax.set_xlabel("documents")
        ax.grid(True, which="both", alpha=0.3)
    fig.tight_layout()
    fig.savefig(path)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", required=True)
    ap.add_argument("--chart", required=True)
    args = ap.parse_args()
    work = Path(args.work)
    runs = sorted((load(d) for d in work.iterdir() if (d / "rg.json").exists()), key=lambda r: int(r["docs"]))
    commit = (work / "commit").read_text().strip() if (work / "commit").exists() else "?"
    print(f"### compare.sh at {commit}\n")
    for r in runs:
        print(size_table(r))
    if len(runs) > 1:
        print("| documents | build s | × previous size's time | peak RSS MiB | index / raw | query median ms |")
        print("|---|---|---|---|---|---|")
        prev = None
        for r in runs:
            b = float(r["index_s"])
            grow = f"{b / prev[0]:.1f}× for {int(r['docs']) / prev[1]:.0f}× the documents" if prev else ""
            med = statistics.median(v["median"] * 1000 for v in r["queries"].values())
            print(f"| {int(r['docs']):,} | {b:.1f} | {grow} | {float(r['index_rss_kb']) / 1024:.0f} | "
                  f"{float(r['index_bytes']) / float(r['raw_bytes']):.2f} | {med:.1f} |")
            prev = (b, int(r["docs"]))
        print()
    chart(runs, args.chart)
    print(f"chart: {args.chart}")


if __name__ == "__main__":
    main()
