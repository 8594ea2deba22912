"""Fact precision, recall and F1 against the hand-labelled facts in `gold/facts/<doc_id>.jsonl`.

A gold fact names its value record by span (robust to index changes). A predicted
fact is paired with the gold fact whose record has the same type and span; then each
field is judged on its own (subject, metric, date, change), and the fact as a whole
is right when all of them are. Subjects are compared after mapping a declared short
name or its full name to the document's main subject.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Mapping, Optional, Sequence

from .context import Context
from .docio import iter_jsonl
from .errors import GoldError
from .facts import declared_names, main_subject, same_entity
from .scoring import Counts

FIELDS = ("subject", "metric", "date", "change")
STRICTER = ("metric_exact",)
"""Reported beside the fields but not part of `overall`: the metric with exactly the gold span,
the text an analyst sees in a table, where `metric` only asks the spans to overlap."""


def load_fact_gold(folder: str | Path) -> dict[str, list[dict]]:
    """`{doc_id: [fact, ...]}` from every `*.jsonl` in `folder`; one fact per line."""
    facts: dict[str, list[dict]] = {}
    for path in sorted(Path(folder).glob("*.jsonl")):
        for number, row in iter_jsonl(path):
            if not isinstance(row, dict) or "record" not in row or "doc_id" not in row:
                raise GoldError(f"{path}:{number}: a fact line needs doc_id and record")
            facts.setdefault(row["doc_id"], []).append(row)
        facts.setdefault(path.stem, [])
    return facts


def canonical_names(text: str) -> Callable[[Optional[str]], Optional[str]]:
    """Name → the name it stands for: declared short names for their full names, the main subject for its forms."""
    ctx = Context(text)
    main = main_subject(ctx) if text else None
    declared = declared_names(ctx) if text else {}

    def canonical(name: Optional[str]) -> Optional[str]:
        if not name:
            return None
        name = declared.get(name, name)
        return main.name if main is not None and same_entity(name, main) else name

    return canonical


def _pred_view(doc: Mapping) -> list[dict]:
    """Predicted facts in the gold shape (record span, subject text, metric span, date bounds)."""
    records = doc.get("records", [])
    out = []
    for fact in doc.get("facts", []):
        record = records[fact["record"]]
        date = fact.get("date")
        out.append({
            "record": {"type": record["type"], "start": record["start"], "end": record["end"], "text": record["text"]},
            "subject": (fact.get("subject") or {}).get("text"),
            "metric": fact.get("metric"),
            "date": {"start": date["start"], "end": date["end"]} if date else None,
            "change": fact.get("change"),
        })
    return out


def _metric_ok(gold: Optional[Mapping], pred: Optional[Mapping]) -> bool:
    if gold is None or pred is None:
        return gold is None and pred is None
    return gold["start"] < pred["end"] and pred["start"] < gold["end"]


def _metric_exact(gold: Optional[Mapping], pred: Optional[Mapping]) -> bool:
    if gold is None or pred is None:
        return gold is None and pred is None
    return (gold["start"], gold["end"]) == (pred["start"], pred["end"])


def _date_ok(gold: Optional[Mapping], pred: Optional[Mapping]) -> bool:
    if gold is None or pred is None:
        return gold is None and pred is None
    return gold.get("start") == pred.get("start") and gold.get("end") == pred.get("end")


def field_results(gold: Mapping, pred: Mapping, canonical: Callable) -> dict[str, bool]:
    return {
        "subject": canonical(gold.get("subject")) == canonical(pred.get("subject")),
        "metric": _metric_ok(gold.get("metric"), pred.get("metric")),
        "date": _date_ok(gold.get("date"), pred.get("date")),
        "change": gold.get("change") == pred.get("change"),
    }


def _key(fact: Mapping) -> tuple:
    r = fact["record"]
    return (r["type"], r["start"], r["end"])


def score_fact_document(doc_id: str, gold: Sequence[Mapping], pred_doc: Mapping, text: str) -> dict:
    """Counts per field and overall for one document, plus the wrong facts a reviewer reads."""
    canonical = canonical_names(text)
    pred = _pred_view(pred_doc)
    counts = {f: Counts() for f in FIELDS + STRICTER + ("overall",)}
    for c in counts.values():
        c.gold, c.pred = len(gold), len(pred)
    gold_by_key = {_key(g): g for g in gold}
    errors = []
    for p in pred:
        g = gold_by_key.pop(_key(p), None)
        if g is None:
            errors.append({"kind": "spurious", "pred": p})
            continue
        results = field_results(g, p, canonical)
        for name, ok in results.items():
            counts[name].tp += ok
        counts["overall"].tp += all(results.values())
        counts["metric_exact"].tp += _metric_exact(g.get("metric"), p.get("metric"))
        if not all(results.values()):
            errors.append({"kind": "wrong", "gold": g, "pred": p,
                           "fields": [n for n, ok in results.items() if not ok]})
    errors += [{"kind": "missed", "gold": g} for g in gold_by_key.values()]
    return {"doc_id": doc_id, "counts": counts, "errors": errors}


def score_facts(gold_facts: Mapping[str, Sequence[Mapping]], pred_docs: Mapping[str, Mapping],
                texts: Mapping[str, str]) -> dict:
    """Micro P/R/F1 per field and overall over every document with fact gold."""
    totals = {f: Counts() for f in FIELDS + STRICTER + ("overall",)}
    documents, errors = {}, {}
    for doc_id in sorted(gold_facts):
        doc = score_fact_document(doc_id, gold_facts[doc_id], pred_docs.get(doc_id, {}), texts.get(doc_id, ""))
        for name, c in doc["counts"].items():
            totals[name].add(c)
        documents[doc_id] = doc["counts"]["overall"].as_dict()
        errors[doc_id] = doc["errors"]
    return {
        "fields": {f: totals[f].as_dict() for f in FIELDS + STRICTER},
        "overall": totals["overall"].as_dict(),
        "documents": documents,
        "gold_facts": sum(len(v) for v in gold_facts.values()),
        "_errors": errors,
    }


def fact_markdown(result: Mapping) -> str:
    """The facts section of report.md."""
    fmt = "{:.3f}".format
    lines = ["## Facts", "",
             "A fact links an amount/percentage/ranking to subject, metric and date (gold/facts/). "
             "Field scores count a field right when the value record matches and that field agrees; "
             "overall needs every field right (subject, metric, date, change). "
             "metric_exact, not part of overall, asks for the gold metric's exact span instead of an overlap.", "",
             "| field | tp | pred | gold | P | R | F1 |", "|---|---:|---:|---:|---:|---:|---:|"]
    rows = list(result["fields"].items()) + [("**overall**", result["overall"])]
    for name, c in rows:
        lines.append(f"| {name} | {c['tp']} | {c['pred']} | {c['gold']} | {fmt(c['precision'])} | "
                     f"{fmt(c['recall'])} | {fmt(c['f1'])} |")
    lines += ["", f"{len(result['documents'])} documents, {result['gold_facts']} gold facts.", ""]
    return "\n".join(lines)


def fact_html(result: Mapping) -> str:
    """The facts section of report.html (every cell escaped)."""
    import html

    rows = list(result["fields"].items()) + [("overall", result["overall"])]
    body = "".join(
        f"<tr><td>{html.escape(name)}</td><td>{c['tp']}</td><td>{c['pred']}</td><td>{c['gold']}</td>"
        f"<td>{c['precision']:.3f}</td><td>{c['recall']:.3f}</td><td>{c['f1']:.3f}</td></tr>"
        for name, c in rows)
    return ("<section id='facts'><h2>Facts 指标事实</h2><table><tr><th>field</th><th>tp</th><th>pred</th>"
            f"<th>gold</th><th>P</th><th>R</th><th>F1</th></tr>{body}</table>"
            f"<p>{len(result['documents'])} documents, {result['gold_facts']} gold facts.</p></section>")


def add_to_report(directory: Path, result: Mapping) -> None:
    """Fold the fact scores into a report folder written by `report.write_report`."""
    import json

    public = {k: v for k, v in result.items() if not k.startswith("_")}
    scores_path = directory / "scores.json"
    scores = json.loads(scores_path.read_text(encoding="utf-8")) if scores_path.is_file() else {}
    scores["facts"] = public
    scores_path.write_text(json.dumps(scores, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    markdown_path = directory / "report.md"
    if markdown_path.is_file():
        markdown_path.write_text(markdown_path.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
                                 + fact_markdown(result), encoding="utf-8")
    html_path = directory / "report.html"
    if html_path.is_file():
        page = html_path.read_text(encoding="utf-8")
        html_path.write_text(page.replace("</body>", fact_html(result) + "\n</body>", 1), encoding="utf-8")
