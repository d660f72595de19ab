#!/usr/bin/env python3
"""The bench's parsing and reporting (scripts/bench.sh calls it; nothing here measures).

  bench-report.py wrk FILE...            -> "requests/s p99-ms non-2xx" (medians over the files, one wrk run each)
  bench-report.py pgbench FILE...        -> "tps" (median)
  bench-report.py pgbench-p99 PREFIX...  -> "p99-ms": per run, the 99th percentile of the latencies in pgbench's
                                            per-transaction logs PREFIX.* (pgbench -l --log-prefix=PREFIX, one file
                                            per thread); the median over the runs
  bench-report.py median NUMBER...       -> the median
  bench-report.py render ROWS META OUT_MD OUT_SVG [DOC_MD]
      ROWS: tab-separated lines "what<TAB>value<TAB>unit<TAB>detail<TAB>baseline<TAB>baseline label<TAB>rule<TAB>target"
            rule: max (value < target), min (value >= target), ratio (value / baseline >= target), info (no target)
      META: key=value lines (date, machine, sizes) shown above the table.
      Prints the table, writes it to OUT_MD, draws OUT_SVG, and when DOC_MD is given replaces the text between
      <!-- bench:results:start --> and <!-- bench:results:end --> in it with the same table.
"""
import glob
import re
import statistics
import sys
from html import escape

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def parse_wrk(path):
    text = open(path, encoding="utf-8", errors="replace").read()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    m = re.search(r"^\s*99%\s+([\d.]+)(us|ms|s|m)\s*$", text, re.M)
    p99 = float(m.group(1)) * UNITS[m.group(2)] if m else float("nan")
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    failed = (int(bad.group(1)) if bad else 0) + (sum(int(g) for g in errors.groups()) if errors else 0)
    return rps, p99, failed


def pgbench_p99(prefix):
    """The 99th percentile, in ms, of one pgbench run's transaction latencies (the third field of each log line, in µs)."""
    latencies = []
    for path in glob.glob(glob.escape(prefix) + ".*"):
        for line in open(path, encoding="utf-8"):
            fields = line.split()
            # "client transaction latency-us script epoch-s us"; a skipped or failed transaction logs a word instead.
            if len(fields) >= 3 and fields[2].isdigit():
                latencies.append(int(fields[2]) / 1000.0)
    if not latencies:
        return float("nan")
    latencies.sort()
    return latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))]


def fmt(value, unit=""):
    if value is None or value != value:
        return "n/a"
    if abs(value) >= 1000:
        text = f"{value:,.0f}"
    elif abs(value) >= 100:
        text = f"{value:.0f}"
    elif abs(value) >= 10:
        text = f"{value:.1f}"
    else:
        text = f"{value:.2f}"
    return f"{text} {unit}".strip()


def read_rows(path):
    rows = []
    for line in open(path, encoding="utf-8"):
        if not line.strip():
            continue
        what, value, unit, detail, baseline, baseline_label, rule, target = (line.rstrip("\n").split("\t") + [""] * 8)[:8]
        value = float(value) if value not in ("", "nan") else float("nan")
        baseline = float(baseline) if baseline not in ("", "nan") else None
        target = float(target) if target else None
        rows.append(dict(what=what, value=value, unit=unit, detail=detail, baseline=baseline,
                         baseline_label=baseline_label, rule=rule, target=target))
    return rows


def judge(row):
    value, target, rule = row["value"], row["target"], row["rule"]
    row["ratio"] = None
    # Reported rows may carry a baseline too (the ceilings beside pgbench): their ratio is shown, never judged.
    if rule in ("ratio", "info") and row["baseline"]:
        row["ratio"] = value / row["baseline"]
    if value != value:
        return "not measured"
    if rule == "max":
        return "holds" if value < target else "misses"
    if rule == "min":
        return "holds" if value >= target else "misses"
    if rule == "ratio":
        return "n/a" if row["ratio"] is None else "holds" if row["ratio"] >= target else "misses"
    return "reported"


def target_text(row):
    rule, target, unit = row["rule"], row["target"], row["unit"]
    if rule == "max":
        return f"< {fmt(target, unit)}"
    if rule == "min":
        return f">= {fmt(target, unit)}"
    if rule == "ratio":
        return f">= {target:.0%} of baseline"
    return "none (reported)"


def table(rows):
    lines = ["| what | measured | baseline | ratio | target | verdict |", "| --- | --- | --- | --- | --- | --- |"]
    for r in rows:
        measured = fmt(r["value"], r["unit"]) + (f" ({r['detail']})" if r["detail"] else "")
        baseline = f"{fmt(r['baseline'], r['unit'])} ({r['baseline_label']})" if r["baseline"] is not None else "-"
        ratio = f"{r['ratio']:.0%}" if r["ratio"] is not None else "-"
        lines.append(f"| {r['what']} | {measured} | {baseline} | {ratio} | {target_text(r)} | {r['verdict']} |")
    return "\n".join(lines)


def svg(rows, meta):
    """Each measured target as a bar: how far the measurement is from its target (100% = exactly on target)."""
    judged = [r for r in rows if r["rule"] != "info" and r["value"] == r["value"]]
    width, left, bar_h, gap, top = 900, 330, 22, 10, 60
    height = top + len(judged) * (bar_h + gap) + 50
    scale_max = 2.0  # bars stop at 200% of the target; longer ones are cut and marked
    plot_w = width - left - 40
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="13">',
           '<rect width="100%" height="100%" fill="white"/>',
           f'<text x="{width / 2}" y="22" text-anchor="middle" font-size="16" font-weight="bold">make bench: each figure against its target</text>',
           f'<text x="{width / 2}" y="42" text-anchor="middle" fill="#555">{escape(meta.get("date", ""))}, {escape(meta.get("scale", ""))}; '
           'bar = target / measured for upper bounds, measured / target for lower bounds (right of the line holds)</text>']
    for i, r in enumerate(judged):
        y = top + i * (bar_h + gap)
        if r["rule"] == "max":
            score = r["target"] / r["value"] if r["value"] > 0 else scale_max
        elif r["rule"] == "min":
            score = r["value"] / r["target"]
        else:
            score = (r["ratio"] or 0) / r["target"]
        shown = min(score, scale_max)
        colour = "#2e7d32" if score >= 1 else "#c62828"
        out.append(f'<text x="{left - 8}" y="{y + bar_h * 0.7}" text-anchor="end">{escape(r["what"])}</text>')
        out.append(f'<rect x="{left}" y="{y}" width="{plot_w * shown / scale_max:.1f}" height="{bar_h}" fill="{colour}"/>')
        label = f'{fmt(r["value"], r["unit"])}' + (f' = {r["ratio"]:.0%} of baseline' if r["ratio"] is not None else "")
        if score > scale_max:
            label += " (bar cut)"
        out.append(f'<text x="{left + plot_w * shown / scale_max + 6:.1f}" y="{y + bar_h * 0.7}" fill="#222">{escape(label)}</text>')
    line_x = left + plot_w / scale_max
    bottom = top + len(judged) * (bar_h + gap)
    out.append(f'<line x1="{line_x}" y1="{top - 6}" x2="{line_x}" y2="{bottom}" stroke="#000" stroke-dasharray="4 3"/>')
    out.append(f'<text x="{line_x}" y="{bottom + 18}" text-anchor="middle">target</text>')
    out.append(f'<text x="{left}" y="{bottom + 18}" text-anchor="middle">0</text>')
    out.append(f'<text x="{left + plot_w}" y="{bottom + 18}" text-anchor="middle">2x</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def render(rows_path, meta_path, out_md, out_svg, doc_md=None):
    rows = read_rows(rows_path)
    for r in rows:
        r["verdict"] = judge(r)
    meta = dict(line.rstrip("\n").split("=", 1) for line in open(meta_path, encoding="utf-8") if "=" in line)
    body = table(rows)
    header = "\n".join(f"- {k}: {v}" for k, v in meta.items())
    print(body)
    with open(out_md, "w", encoding="utf-8") as f:
        f.write("# make bench: latest results\n\nWritten by `scripts/bench.sh` (see [performance.md](performance.md)); "
                "do not edit by hand.\n\n" + header + "\n\n" + body + "\n")
    with open(out_svg, "w", encoding="utf-8") as f:
        f.write(svg(rows, meta))
    if doc_md:
        text = open(doc_md, encoding="utf-8").read()
        start, end = "<!-- bench:results:start -->", "<!-- bench:results:end -->"
        if start in text and end in text:
            before, rest = text.split(start, 1)
            _, after = rest.split(end, 1)
            text = before + start + "\n" + header + "\n\n" + body + "\n" + end + after
            with open(doc_md, "w", encoding="utf-8") as f:
                f.write(text)


def main():
    command, args = sys.argv[1], sys.argv[2:]
    if command == "wrk":
        runs = [parse_wrk(p) for p in args]
        print(f"{statistics.median(r[0] for r in runs):.2f} {statistics.median(r[1] for r in runs):.3f} {sum(r[2] for r in runs)}")
    elif command == "pgbench":
        tps = [float(re.search(r"tps = ([\d.]+)", open(p).read()).group(1)) for p in args]
        print(f"{statistics.median(tps):.2f}")
    elif command == "pgbench-p99":
        print(f"{statistics.median(pgbench_p99(p) for p in args):.2f}")
    elif command == "median":
        print(f"{statistics.median(float(a) for a in args):.3f}")
    elif command == "render":
        render(*args)
    else:
        sys.exit(f"unknown command {command}")


if __name__ == "__main__":
    main()
