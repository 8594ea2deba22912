"""Command line: a thin edge over the library. Errors become one clear line and a non-zero exit."""

from __future__ import annotations

import argparse
import codecs
import io
import json
import os
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional

from . import BUILD, __version__
from .annotations import FORMATS, export_documents, import_documents
from .context import RefDate
from .docio import load_documents
from .errors import ExtractError, InputError, RefDateError
from .goldcheck import check_gold
from .inputs import DEFAULT_MAX_BYTES, INPUT_SUFFIXES, DocumentInputError, decode_bytes, load_file
from .models import Document
from .pipeline import batch_collection, collect_less_often, extract

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2


class UsageError(ExtractError):
    """The command line itself is wrong."""


def _say(message: str) -> None:
    print(f"zone-extract: {message}", file=sys.stderr)


@contextmanager
def atomic_output(path: Optional[str]) -> Iterator:
    """Write to a temp file beside `path` and rename it into place, so a killed run leaves no half file."""
    if not path or path == "-":
        yield sys.stdout
        return
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            yield handle
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _input_files(paths: list[str]) -> Iterator[Path | str]:
    for raw in paths:
        if raw == "-":
            yield "-"
            continue
        path = Path(raw)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in INPUT_SUFFIXES)
        else:
            yield path


def _meta_ref_date(path: Path) -> Optional[str]:
    meta = path.with_name(path.stem + ".meta.json")
    if meta.is_file():
        try:
            return json.loads(meta.read_text(encoding="utf-8")).get("ref_date")
        except json.JSONDecodeError:
            raise DocumentInputError("bad_meta", f"{meta}: 元数据不是合法 JSON (meta file is not valid JSON)")
    return None


def _read_text(path: Path) -> str:
    return load_file(path).text


def _stdin_bytes() -> bytes:
    buffer = getattr(sys.stdin, "buffer", None)
    return buffer.read() if buffer is not None else sys.stdin.read().encode("utf-8")


def _error(doc_id: str, source: str, code: str, message: str) -> dict:
    return {"doc_id": doc_id, "source": source, "error": {"code": code, "message": message}}


def _inputs(args) -> Iterator[dict]:
    """Yield `{doc_id, source, text, ref_date, carry_text}` or an error line per document."""
    for item in _input_files(args.paths):
        if args.input_format == "jsonl":
            yield from _jsonl_rows(item, args)
            continue
        if not isinstance(item, Path):
            data = _stdin_bytes()
            try:
                text, _ = decode_bytes(data, args.encoding, "<stdin>")
            except DocumentInputError as exc:
                yield _error("stdin", "-", exc.code, str(exc))
                continue
            yield {"doc_id": "stdin", "source": "-", "text": text, "ref_date": None, "carry_text": False}
            continue
        try:
            loaded = load_file(item, args.encoding, args.max_bytes)
            yield {"doc_id": item.stem, "source": str(item), "text": loaded.text,
                   "ref_date": _meta_ref_date(item), "carry_text": loaded.kind != "plain"}
        except DocumentInputError as exc:
            yield _error(item.stem, str(item), exc.code, str(exc))


def _jsonl_lines(item, args) -> Iterator[tuple[int, bytes]]:
    """Numbered raw lines, read one at a time so a batch file of any size streams."""
    if item == "-":
        buffer = getattr(sys.stdin, "buffer", None)
        handle = buffer if buffer is not None else io.BytesIO(sys.stdin.read().encode("utf-8"))
        yield from enumerate(handle, 1)
        return
    try:
        with open(item, "rb") as handle:
            yield from enumerate(handle, 1)
    except OSError as exc:
        raise DocumentInputError("unreadable", f"{item}: 无法读取 ({exc.strerror or exc})") from exc


def _jsonl_rows(item, args) -> Iterator[dict]:
    """One item per JSONL row; JSON is UTF-8 unless --encoding says otherwise, and --max-bytes applies per row."""
    source = "-" if item == "-" else str(item)
    encoding = args.encoding or "utf-8"
    try:
        for number, raw in _jsonl_lines(item, args):
            where = f"{source}:{number}"
            if len(raw) > args.max_bytes:
                yield _error(where, source, "too_large", f"{where}: 行长 {len(raw)} 字节，超过上限 {args.max_bytes}")
                continue
            try:
                line = raw.decode(encoding)
            except UnicodeDecodeError as exc:
                yield _error(where, source, "undecodable", f"{where}: 不能按 {encoding} 解码 (byte {exc.start})")
                continue
            if number == 1:
                line = line.lstrip("\ufeff")
            if not line.strip():
                continue
            yield _jsonl_row(line, where, source)
    except DocumentInputError as exc:
        yield _error(Path(source).stem, source, exc.code, str(exc))


def _jsonl_row(line: str, where: str, source: str) -> dict:
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        return _error(where, source, "bad_json", f"{where}: 不是 JSON ({exc.msg})")
    if not isinstance(row, dict) or not isinstance(row.get("text"), str):
        doc_id = str(row.get("doc_id") or where) if isinstance(row, dict) else where
        return _error(doc_id, source, "no_text", f"{where}: 缺少 text 字段 (no text)")
    return {"doc_id": str(row.get("doc_id") or where), "source": source, "text": row["text"],
            "ref_date": row.get("ref_date"), "carry_text": False}


def _already_done(path: Optional[str]) -> tuple[set[tuple[str, str]], list[str]]:
    """Documents finished in an earlier run of the same output file (error lines are retried)."""
    if not path or path == "-" or not Path(path).is_file():
        return set(), []
    done, lines = set(), []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        try:
            row = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(row, dict) and "error" not in row and "doc_id" in row:
            done.add((row["doc_id"], row.get("source") or ""))
            lines.append(line)
    return done, lines


def _extract_item(item: dict, args) -> dict | Document:
    return _extract_with(item, args.ref_date, args.include_text)


def _extract_with(item: dict, ref_date: Optional[str], include_text: bool) -> dict | Document:
    """The document, or an error line when the row's own ref_date is malformed."""
    try:
        doc = extract(item["text"], ref_date or item["ref_date"], doc_id=item["doc_id"], source=item["source"])
    except RefDateError as exc:
        return _error(item["doc_id"], item["source"], "bad_ref_date", f"{item['doc_id']}: {exc}")
    if item["carry_text"] or include_text:
        doc = doc.model_copy(update={"text": item["text"]})
    return doc


def _extract_job(job: tuple[dict, Optional[str], bool]) -> dict | str:
    """Worker-side: one document to its JSON line (or its error line as a dict)."""
    item, ref_date, include_text = job
    result = _extract_with(item, ref_date, include_text)
    return result if isinstance(result, dict) else result.to_json()


def _results(items: Iterator[dict], args) -> Iterator[tuple[dict, dict | str]]:
    """(input item, result) in input order; with --workers, a bounded window runs in parallel."""
    if args.workers <= 1:
        for item in items:
            result = item if "error" in item else _extract_item(item, args)
            yield item, result if isinstance(result, dict) else result.to_json()
        return
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor

    window = args.workers * 16
    with ProcessPoolExecutor(max_workers=args.workers, initializer=collect_less_often) as pool:
        pending: deque = deque()
        for item in items:
            if "error" in item:
                pending.append((item, None))
            else:
                pending.append((item, pool.submit(_extract_job, (item, args.ref_date, args.include_text))))
            while len(pending) >= window or (pending and pending[0][1] is None):
                head, future = pending.popleft()
                yield head, head if future is None else future.result()
        while pending:
            head, future = pending.popleft()
            yield head, head if future is None else future.result()


def _progress(args):
    """A documents/s bar on stderr when a person is watching stdout; silent otherwise."""
    if args.quiet or not sys.stdout.isatty():
        return None
    from tqdm import tqdm

    return tqdm(unit="doc", desc="zone-extract", file=sys.stderr, dynamic_ncols=True)


def cmd_run(args) -> int:
    if args.ref_date:
        RefDate.parse(args.ref_date)
    if args.encoding:
        try:
            codecs.lookup(args.encoding)
        except LookupError as exc:
            raise UsageError(f"未知编码 {args.encoding!r} (unknown encoding)") from exc
    done, kept = _already_done(args.output) if args.resume else (set(), [])
    if args.workers < 1:
        raise UsageError("--workers 至少为 1 (must be at least 1)")
    failed = 0
    pairs: list[tuple[dict, str]] = []
    todo = (item for item in _inputs(args) if (item["doc_id"], item["source"]) not in done)
    bar = _progress(args)
    with atomic_output(args.output) as out, batch_collection():
        for line in kept:
            out.write(line + "\n")
        for item, result in _results(todo, args):
            if bar is not None:
                bar.update(1)
            if isinstance(result, dict):
                failed += 1
                _say(result["error"]["message"])
                if args.format == "jsonl":
                    out.write(json.dumps(result, ensure_ascii=False) + "\n")
            elif args.format == "jsonl":
                out.write(result + "\n")
            else:
                pairs.append((json.loads(result), item["text"]))
        if args.format != "jsonl":
            out.write(export_documents(pairs, args.format, as_prediction=True))
    if bar is not None:
        bar.close()
    return EXIT_SOME_FAILED if failed else EXIT_OK


def cmd_schema(_args) -> int:
    print(json.dumps(Document.model_json_schema(), ensure_ascii=False, indent=2))
    return EXIT_OK


def _texts_for(gold_docs: dict, corpus: Path) -> dict[str, str]:
    texts = {}
    for doc_id, doc in gold_docs.items():
        candidates = [Path(doc["source"])] if doc.get("source") else []
        candidates.append(corpus / f"{doc_id}.txt")
        for path in candidates:
            if path.is_file():
                texts[doc_id] = path.read_bytes().decode("utf-8")
                break
    return texts


def _score_and_report(gold_docs, pred_docs, corpus: Path, report_dir: Optional[Path], samples: int, seed: int) -> dict:
    from .report import markdown_report, write_report
    from .scoring import score_corpus

    result = score_corpus(gold_docs, pred_docs, samples=samples, seed=seed)
    if report_dir:
        write_report(report_dir, result, gold_docs, pred_docs, _texts_for(gold_docs, corpus))
    print(markdown_report(result))
    return result


def cmd_score(args) -> int:
    gold_docs = load_documents(args.gold)
    pred_docs = load_documents(args.pred)
    _score_and_report(gold_docs, pred_docs, Path(args.corpus), Path(args.report) if args.report else None,
                      args.samples, args.seed)
    return EXIT_OK


def cmd_eval(args) -> int:
    corpus, outputs = Path(args.corpus), Path(args.outputs)
    files = sorted(corpus.glob("*.txt"))
    if not files:
        raise InputError(f"{corpus}: 没有 .txt 文档 (no documents)")
    predictions = outputs / "corpus.jsonl"
    with atomic_output(str(predictions)) as out:
        for path in files:
            doc = extract(_read_text(path), _meta_ref_date(path), doc_id=path.stem, source=path.as_posix())
            out.write(doc.to_json() + "\n")
    gold_docs = load_documents(args.gold)
    pred_docs = load_documents(predictions)
    _score_and_report(gold_docs, pred_docs, corpus, outputs / "report", args.samples, args.seed)
    _score_facts(Path(args.gold) / "facts", pred_docs, corpus, outputs / "report")
    _say(f"写入 {predictions} 与 {outputs / 'report'}/ (wrote predictions and report)")
    return EXIT_OK


def _score_facts(fact_gold: Path, pred_docs: dict, corpus: Path, report_dir: Path) -> None:
    """Fact P/R/F1 per field and overall, when hand-labelled facts exist (gold/facts/)."""
    if not fact_gold.is_dir():
        return
    from .fact_scoring import add_to_report, fact_markdown, load_fact_gold, score_facts

    gold = load_fact_gold(fact_gold)
    texts = {d: (corpus / f"{d}.txt").read_bytes().decode("utf-8") for d in gold if (corpus / f"{d}.txt").is_file()}
    result = score_facts(gold, pred_docs, texts)
    add_to_report(report_dir, result)
    print(fact_markdown(result))


def cmd_table(args) -> int:
    """One spreadsheet row per fact of an output JSONL (`run --include-text` fills the sentence column)."""
    from .docio import iter_jsonl
    from .table import fact_rows, write_table

    source = Path(args.input)
    if not source.is_file():
        raise InputError(f"no such file: {source}")
    rows: list[dict] = []
    for _, doc in iter_jsonl(source):
        if "error" in doc:
            continue
        text = doc.get("text")
        if text is None and doc.get("source") and Path(doc["source"]).is_file():
            text = load_file(Path(doc["source"])).text
        rows.extend(fact_rows(doc, text))
    write_table(rows, Path(args.output))
    _say(f"写入 {args.output}：{len(rows)} 行 (wrote {len(rows)} fact rows)")
    return EXIT_OK


def cmd_gold_check(args) -> int:
    documents, records, problems = check_gold(Path(args.gold), Path(args.corpus))
    for problem in problems:
        print(problem)
    print(f"{documents} documents, {records} records, {len(problems)} problems")
    return EXIT_SOME_FAILED if problems else EXIT_OK


def cmd_gold_export(args) -> int:
    gold_docs = load_documents(args.gold)
    texts = _texts_for(gold_docs, Path(args.corpus))
    missing = sorted(set(gold_docs) - set(texts))
    if missing:
        raise InputError(f"找不到这些文档的正文 (no text for): {', '.join(missing)}")
    with atomic_output(args.output) as out:
        out.write(export_documents([(gold_docs[d], texts[d]) for d in sorted(gold_docs)], args.to))
    return EXIT_OK


def cmd_gold_import(args) -> int:
    content = _read_text(Path(args.file))
    gold_dir, corpus = Path(args.gold), Path(args.corpus)
    gold_dir.mkdir(parents=True, exist_ok=True)
    corpus.mkdir(parents=True, exist_ok=True)
    for doc, text in import_documents(content, getattr(args, "from")):
        text_path = corpus / f"{doc['doc_id']}.txt"
        if text_path.exists() and text_path.read_bytes().decode("utf-8") != text:
            raise InputError(f"{text_path} 已存在且内容不同 (exists with different text)")
        if not text_path.exists():
            text_path.write_bytes(text.encode("utf-8"))
        Document.model_validate(doc)
        with atomic_output(str(gold_dir / f"{doc['doc_id']}.jsonl")) as out:
            out.write(json.dumps(doc, ensure_ascii=False) + "\n")
        print(f"{doc['doc_id']}: {len(doc['records'])} records")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="zone-extract",
        description="从开发区报告、政府工作报告、统计公报中抽取日期、排名、数额、百分比和企业名称。"
                    " Extract dates, rankings, amounts, percentages and company names from Chinese zone reports.")
    parser.add_argument("--version", action="version", version=f"zone-extract {__version__} ({BUILD})")
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="抽取：文件、文件夹（递归 *.txt）或 - 表示标准输入 (extract records)")
    run.add_argument("paths", nargs="+", metavar="PATH")
    run.add_argument("-o", "--output", help="输出 JSONL 文件（默认标准输出）")
    run.add_argument("--ref-date", help="参考日期 YYYY[-MM[-DD]]，用于解析“今年”“去年”等相对日期")
    run.add_argument("--input-format", choices=("text", "jsonl"), default="text",
                     help="text：纯文本文件；jsonl：每行 {doc_id, text, ref_date?}")
    run.add_argument("--format", choices=("jsonl",) + FORMATS, default="jsonl",
                     help="输出格式：jsonl（默认），或 doccano / label-studio 预标注")
    run.add_argument("--encoding", help="强制使用的文本编码（默认自动识别：UTF-8/UTF-16/GB18030/Big5）")
    run.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES,
                     help=f"单个文件的大小上限（字节，默认 {DEFAULT_MAX_BYTES}）")
    run.add_argument("--include-text", action="store_true", help="纯文本输入也在输出中附上正文 text")
    run.add_argument("--resume", action="store_true", help="跳过 -o 输出文件中已完成的文档，继续未完成的批次")
    run.add_argument("--workers", type=int, default=1, help="并行进程数（输出顺序与输入一致）")
    run.add_argument("--quiet", action="store_true", help="不显示进度条")
    run.set_defaults(handler=cmd_run)

    schema = sub.add_parser("schema", help="打印输出行的 JSON Schema")
    schema.set_defaults(handler=cmd_schema)

    score = sub.add_parser("score", help="按 ANNOTATION.md 计算准确率/召回率/F1 (score predictions)")
    score.add_argument("gold", help="人工标注 JSONL 文件或文件夹")
    score.add_argument("pred", help="抽取结果 JSONL 文件或文件夹")
    score.add_argument("--report", help="报告输出文件夹（scores.json、report.md、report.html）")
    score.add_argument("--corpus", default="corpus", help="原文所在文件夹（用于 HTML 报告）")
    score.add_argument("--samples", type=int, default=1000, help="bootstrap 重抽样次数")
    score.add_argument("--seed", type=int, default=0)
    score.set_defaults(handler=cmd_score)

    ev = sub.add_parser("eval", help="在 corpus/ 上运行并对照 gold/ 评分，写入 outputs/")
    ev.add_argument("--corpus", default="corpus")
    ev.add_argument("--gold", default="gold")
    ev.add_argument("--outputs", default="outputs")
    ev.add_argument("--samples", type=int, default=1000)
    ev.add_argument("--seed", type=int, default=0)
    ev.set_defaults(handler=cmd_eval)

    table = sub.add_parser("table", help="把抽取结果中的指标事实写成表格 (.xlsx 或 .csv)，每个事实一行")
    table.add_argument("input", help="zone-extract run 输出的 JSONL 文件")
    table.add_argument("-o", "--output", required=True, help="facts.xlsx 或 facts.csv（UTF-8 带 BOM）")
    table.set_defaults(handler=cmd_table)

    gold = sub.add_parser("gold", help="人工标注集：校验、导入、导出")
    gold_sub = gold.add_subparsers(dest="gold_command", required=True)
    check = gold_sub.add_parser("check", help="校验 gold/ 的格式、偏移、重叠与取值")
    check.add_argument("--gold", default="gold")
    check.add_argument("--corpus", default="corpus")
    check.set_defaults(handler=cmd_gold_check)
    export = gold_sub.add_parser("export", help="导出为 doccano 或 Label Studio 格式")
    export.add_argument("--to", choices=FORMATS, required=True)
    export.add_argument("--gold", default="gold")
    export.add_argument("--corpus", default="corpus")
    export.add_argument("-o", "--output")
    export.set_defaults(handler=cmd_gold_export)
    imp = gold_sub.add_parser("import", help="从 doccano 或 Label Studio 导出文件导入")
    imp.add_argument("--from", choices=FORMATS, required=True)
    imp.add_argument("file")
    imp.add_argument("--gold", default="gold")
    imp.add_argument("--corpus", default="corpus")
    imp.set_defaults(handler=cmd_gold_import)
    return parser


def main(argv: Optional[list[str]] = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return EXIT_USAGE if exc.code else EXIT_OK
    try:
        return args.handler(args)
    except ExtractError as exc:
        _say(f"错误：{exc}")
        return EXIT_USAGE if isinstance(exc, (UsageError, RefDateError)) else EXIT_SOME_FAILED
    except BrokenPipeError:
        return EXIT_OK
