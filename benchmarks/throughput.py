"""Throughput, scaling, cold start and memory of zone-extract, beside JioNLP and plain jieba.

    pip install .[bench]                              # or, for the compiled build:
    ZONE_EXTRACT_COMPILE=1 pip install ".[bench]"
    python benchmarks/throughput.py [--mb 20] [--stream-mb 100] [--output FILE]

It measures the build installed beside the running interpreter and records which
(`build`: "pure Python" or "compiled").

Builds a mixed input from corpus/ (documents shuffled; the corpus is small, so it is
cycled in a different order each round), then measures each contender in its own
process on the same documents: characters per second of the working loop (after
imports and one warm-up document), and the process's peak RSS. The contenders take
turns for `--rounds` rounds, in an order that runs the two sides of each target's ratio
one right after the other (`--workers 2`, one process, JioNLP, the other build). A
shared machine has slow and fast spells lasting minutes, so each ratio is taken within
a round and the median over the rounds is reported; each contender's fastest run is kept for
its own figures. Writes the figures to outputs/benchmark.json. Figures vary between
runs; the ratios are what matter.

One more contender, first in each round, runs the same articles joined into long documents
(`--long-chars`, half a million characters by default): a report's length must not slow down
each of its characters.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from itertools import count
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent


def _corpus() -> list[tuple[str, str, str]]:
    docs = []
    for text_path in sorted((ROOT / "corpus").glob("*.txt")):
        meta = json.loads(text_path.with_name(text_path.stem + ".meta.json").read_text(encoding="utf-8"))
        docs.append((text_path.stem, text_path.read_bytes().decode("utf-8"), meta["ref_date"]))
    return docs


def _write_jsonl(path: Path, megabytes: float, rows: Iterator[dict]) -> int:
    """Write rows until their texts hold `megabytes` of UTF-8; returns the characters written."""
    target = int(megabytes * 1024 * 1024)
    written = chars = 0
    with path.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            written += len(row["text"].encode("utf-8"))
            chars += len(row["text"])
            if written >= target:
                break
    return chars


def build_input(path: Path, megabytes: float, seed: int = 0) -> int:
    """Write a JSONL of corpus documents, shuffled per round, until it holds `megabytes` of text."""
    docs = _corpus()
    rng = random.Random(seed)

    def rows() -> Iterator[dict]:
        for round_no in count():
            rng.shuffle(docs)
            for doc_id, text, ref_date in docs:
                yield {"doc_id": f"{doc_id}-{round_no}", "text": text, "ref_date": ref_date}

    return _write_jsonl(path, megabytes, rows())


def build_long_input(path: Path, megabytes: float, document_chars: int, seed: int = 2) -> int:
    """Write a JSONL of long documents: corpus articles, shuffled, joined by line breaks until each
    holds `document_chars` characters (a yearbook chapter, a report with its annexes)."""
    docs = _corpus()
    rng = random.Random(seed)

    def rows() -> Iterator[dict]:
        chars = 0
        while True:
            parts: list[str] = []
            size = 0
            while size < document_chars:
                rng.shuffle(docs)
                for _, text, _ in docs:
                    parts.append(text)
                    size += len(text) + 1
                    if size >= document_chars:
                        break
            text = "\n".join(parts)
            yield {"doc_id": f"long-{chars}", "text": text, "ref_date": docs[0][2]}
            chars += len(text)

    return _write_jsonl(path, megabytes, rows())


def _rows(path: Path):
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            yield json.loads(line)


def measure(contender: str, path: Path, workers: int) -> dict:
    """Runs inside the child process: the working loop only, timed."""
    if contender == "zone-extract":
        from extract.cli import main
        from extract import BUILD, extract

        extract("2019年营收20亿元，增长9%。迈为股份位居第7位。", "2020")
        out = Path(tempfile.mkdtemp()) / "records.jsonl"
        start = time.perf_counter()
        code = main(["run", str(path), "--input-format", "jsonl", "-o", str(out), "--quiet",
                     "--workers", str(workers)])
        seconds = time.perf_counter() - start
        assert code == 0
        records = sum(len(json.loads(line)["records"]) for line in out.open(encoding="utf-8"))
        return {"seconds": seconds, "records": records, "build": BUILD}
    if contender == "jionlp":
        import jionlp

        base = time.mktime((2021, 6, 30, 0, 0, 0, 0, 0, 0))
        jionlp.ner.extract_time("2019年营收20亿元", time_base=base)
        jionlp.ner.extract_money("2019年营收20亿元")
        found = 0
        start = time.perf_counter()
        for row in _rows(path):
            found += len(jionlp.ner.extract_time(row["text"], time_base=base))
            found += len(jionlp.ner.extract_money(row["text"]))
        return {"seconds": time.perf_counter() - start, "records": found}
    if contender == "jieba":
        import jieba

        jieba.lcut("预热")
        tokens = 0
        start = time.perf_counter()
        for row in _rows(path):
            tokens += len(jieba.lcut(row["text"]))
        return {"seconds": time.perf_counter() - start, "tokens": tokens}
    raise SystemExit(f"unknown contender {contender}")


def run_child(args: list[str], python: str = sys.executable) -> tuple[dict, float, float]:
    """Run this script as a child under `python`; return its JSON result, wall seconds and peak RSS in MB."""
    start = time.perf_counter()
    proc = subprocess.Popen([python, __file__, *args], stdout=subprocess.PIPE, text=True)
    output = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"child {args} failed with status {status}")
    result = json.loads(output.strip().splitlines()[-1]) if output.strip() else {}
    return result, wall, usage.ru_maxrss / 1024


def cold_start(tmp: Path, repeats: int = 5) -> float:
    short = tmp / "short.txt"
    short.write_text("2019年，园区新认定高新技术企业86家，营收增长9%。", encoding="utf-8")
    command = [sys.executable, "-m", "extract", "run", str(short), "--quiet"]
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return min(times)


def streamed_rss(tmp: Path, megabytes: float) -> dict:
    """Peak RSS of `zone-extract run` over a large JSONL, streamed to a file."""
    big = tmp / "stream.jsonl"
    chars = build_input(big, megabytes, seed=1)
    out = tmp / "stream-out.jsonl"
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "extract", "run", str(big), "--input-format", "jsonl",
                             "-o", str(out), "--quiet"])
    _, status, usage = os.wait4(proc.pid, 0)
    return {"input_mb": megabytes, "chars": chars, "seconds": time.perf_counter() - start,
            "peak_rss_mb": usage.ru_maxrss / 1024, "exit": status}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=20, help="size of the mixed input, in MB of UTF-8 text")
    parser.add_argument("--stream-mb", type=float, default=100, help="size of the streamed memory test (0 skips it)")
    parser.add_argument("--long-mb", type=float, default=4,
                        help="size of the long-document input, the same articles joined (0 skips it)")
    parser.add_argument("--long-chars", type=int, default=500_000, help="characters per long document")
    parser.add_argument("--rounds", type=int, default=3,
                        help="measure every contender this many times, taking turns")
    parser.add_argument("--output", default=str(ROOT / "outputs" / "benchmark.json"))
    parser.add_argument("--compare-python", metavar="PYTHON",
                        help="also measure zone-extract in one process under this interpreter, which has "
                             "the other build installed (pure Python beside compiled, or the reverse)")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    parser.add_argument("--input", help=argparse.SUPPRESS)
    parser.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, Path(args.input), args.workers)))
        return

    tmp = Path(tempfile.mkdtemp(prefix="zone-bench-"))
    data = tmp / "mixed.jsonl"
    chars = build_input(data, args.mb)
    print(f"input: {args.mb} MB, {chars:,} characters", file=sys.stderr)
    results: dict[str, dict] = {}
    mixed = (data, chars)
    long_documents = []
    if args.long_mb:
        long_data = tmp / "long.jsonl"
        long_chars = build_long_input(long_data, args.long_mb, args.long_chars)
        long_documents = [("zone-extract, long documents", "zone-extract", 1, sys.executable, (long_data, long_chars))]
    other_build = ([("zone-extract, other build", "zone-extract", 1, args.compare_python, mixed)]
                   if args.compare_python else [])
    contenders = [*long_documents,
                  ("zone-extract --workers 2", "zone-extract", 2, sys.executable, mixed),
                  ("zone-extract", "zone-extract", 1, sys.executable, mixed),
                  ("jionlp time+money", "jionlp", 1, sys.executable, mixed),
                  *other_build,
                  ("jieba.lcut", "jieba", 1, sys.executable, mixed)]
    for round_no in range(args.rounds):
        for name, contender, workers, python, (path, size) in contenders:
            result, wall, rss = run_child(["--measure", contender, "--input", str(path), "--workers", str(workers)],
                                          python)
            result.update({"chars_per_second": size / result["seconds"], "input_chars": size,
                           "wall_seconds": wall, "peak_rss_mb": rss})
            print(f"round {round_no + 1}  {name:28s} {result['chars_per_second']:>12,.0f} chars/s  "
                  f"peak RSS {rss:,.0f} MB", file=sys.stderr)
            rounds = results.get(name, {}).get("rounds_chars_per_second", []) + [round(result["chars_per_second"])]
            if name not in results or result["seconds"] < results[name]["seconds"]:
                results[name] = result
            results[name]["rounds_chars_per_second"] = rounds

    def ratio_by_round(numerator: str, denominator: str) -> dict:
        """The two contenders' ratio within each round (measured minutes apart, so in the same
        spell of the machine) and its median: the figure the targets are judged on."""
        by_round = [a / b for a, b in zip(results[numerator]["rounds_chars_per_second"],
                                          results[denominator]["rounds_chars_per_second"])]
        return {"median": statistics.median(by_round), "by_round": [round(r, 3) for r in by_round]}

    report = {
        "input_mb": args.mb,
        "input_chars": chars,
        "rounds": args.rounds,
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
        "build": results["zone-extract"].get("build"),
        "contenders": results,
        "ratios": {
            "zone_extract_vs_jionlp": ratio_by_round("zone-extract", "jionlp time+money"),
            "workers2_vs_single": ratio_by_round("zone-extract --workers 2", "zone-extract"),
            "zone_extract_vs_jieba_lcut": ratio_by_round("zone-extract", "jieba.lcut"),
        },
        "cold_start_seconds": cold_start(tmp),
        "targets": {"vs_jionlp": 3.0, "workers2": 1.7, "cold_start_seconds": 1.5, "stream_peak_rss_mb": 300},
    }
    if long_documents:
        report["long_documents"] = {"characters_per_document": args.long_chars,
                                    "vs_short_documents": ratio_by_round("zone-extract, long documents", "zone-extract")}
    if args.compare_python:
        report["ratios"]["other_build_vs_jionlp"] = ratio_by_round("zone-extract, other build", "jionlp time+money")
        report["ratios"]["this_build_vs_other"] = ratio_by_round("zone-extract", "zone-extract, other build")
        report["other_build"] = results["zone-extract, other build"].get("build")
    if args.stream_mb:
        report["streamed"] = streamed_rss(tmp, args.stream_mb)
    Path(args.output).parent.mkdir(parents=True, exist_ok=True)
    Path(args.output).write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(report["ratios"], indent=2), file=sys.stderr)
    print(f"cold start {report['cold_start_seconds']:.2f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
