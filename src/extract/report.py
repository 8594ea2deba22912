"""The reviewer's report: scores.json for machines, report.md for terminals, report.html for eyes.

Every piece of document text goes through an HTML escaper (displaCy escapes what it
renders; everything else here uses `html.escape`). Charts are inline SVG with no
date and a fixed id salt, so the same scores give the same bytes.
"""

from __future__ import annotations

import html
import io
import json
from pathlib import Path

from .context import sentence_bounds
from .models import RECORD_TYPES
from .scoring import KEY_FIELDS, MODES

COLORS = {"date": "#9ecae1", "ranking": "#fdae6b", "amount": "#a1d99b",
          "percentage": "#bcbddc", "company": "#fc9272"}
TYPE_NAMES_ZH = {"date": "日期", "ranking": "排名", "amount": "数额", "percentage": "百分比", "company": "企业"}
CHART_START, CHART_END = "<!-- charts -->", "<!-- /charts -->"


def public_scores(result: dict) -> dict:
    return {k: v for k, v in result.items() if not k.startswith("_")}


def _fmt(x) -> str:
    return "—" if x is None else f"{x:.3f}"


def markdown_report(result: dict, title: str = "zone-extract evaluation") -> str:
    lines = [f"# {title}", ""]
    micro = result["micro"]
    lines += ["Scores follow ANNOTATION.md: strict = same type and span; partial = overlapping, "
              "one-to-one; end-to-end = strict and the key value fields right.", ""]
    ci = result.get("confidence", {})
    lines += ["## Per type", "",
              "| type | gold | pred | strict P | strict R | strict F1 | partial F1 | e2e F1 | e2e F1 95% CI | value acc. |",
              "|---|---:|---:|---:|---:|---:|---:|---:|---|---:|"]
    for t in RECORD_TYPES + ("micro",):
        row = micro if t == "micro" else result["per_type"][t]
        s = row["strict"]
        interval = ci.get("f1", {}).get(t, {}).get("end_to_end")
        ci_text = f"{interval['low']:.3f}–{interval['high']:.3f}" if interval else "—"
        name = "**all (micro)**" if t == "micro" else f"{t} {TYPE_NAMES_ZH[t]}"
        lines.append(f"| {name} | {s['gold']} | {s['pred']} | {_fmt(s['precision'])} | {_fmt(s['recall'])} | "
                     f"{_fmt(s['f1'])} | {_fmt(row['partial']['f1'])} | {_fmt(row['end_to_end']['f1'])} | "
                     f"{ci_text} | {_fmt(row.get('value_accuracy'))} |")
    if ci:
        lines += ["", f"Confidence intervals: {ci['samples']} bootstrap resamples of whole documents "
                  f"(seed {ci['seed']}), percentile method, level {ci['level']:.0%}."]
    lines += ["", "## Per document", "", "| document | gold | pred | strict F1 | e2e F1 |", "|---|---:|---:|---:|---:|"]
    for doc_id, d in result["documents"].items():
        lines.append(f"| {doc_id} | {d['strict']['gold']} | {d['strict']['pred']} | "
                     f"{_fmt(d['strict']['f1'])} | {_fmt(d['end_to_end']['f1'])} |")
    if result.get("missing_predictions"):
        lines += ["", "Documents with no prediction: " + ", ".join(result["missing_predictions"])]
    lines += ["", "Key value fields: " + "; ".join(f"{t}: {', '.join(f)}" for t, f in KEY_FIELDS.items()), ""]
    return "\n".join(lines)


def _chart_svg(result: dict) -> str:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    matplotlib.rcParams["svg.hashsalt"] = "zone-extract"
    figure, axes = plt.subplots(1, len(MODES), figsize=(12, 3.4), sharey=True)
    for ax, mode in zip(axes, MODES):
        xs = range(len(RECORD_TYPES))
        for offset, (metric, color) in enumerate((("precision", "#4c72b0"), ("recall", "#dd8452"), ("f1", "#55a868"))):
            values = [result["per_type"][t][mode][metric] for t in RECORD_TYPES]
            ax.bar([x + (offset - 1) * 0.27 for x in xs], values, width=0.27, color=color, label=metric)
        ax.set_xticks(list(xs), list(RECORD_TYPES), rotation=20)
        ax.set_ylim(0, 1.05)
        ax.set_title(mode.replace("_", "-"))
        ax.grid(axis="y", alpha=0.3)
    axes[0].legend(loc="lower left", fontsize=8)
    figure.tight_layout()
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None})
    plt.close(figure)
    svg = buffer.getvalue()
    return svg[svg.index("<svg"):]


def _render_spans(text: str, records: list[dict]) -> str:
    from spacy import displacy

    ents = [{"start": r["start"], "end": r["end"], "label": r["type"]} for r in records]
    return displacy.render({"text": text, "ents": ents, "title": None}, style="ent", manual=True,
                           page=False, jupyter=False, options={"colors": COLORS})


def _sentence(text: str, start: int, end: int) -> str:
    left, right = sentence_bounds(text, start, end)
    return (html.escape(text[left:start]) + "<mark>" + html.escape(text[start:end]) + "</mark>"
            + html.escape(text[end:right]))


def _error_rows(doc_score, text: str) -> str:
    rows = []
    for kind, items in (("false positive", doc_score.false_positives), ("false negative", doc_score.false_negatives)):
        for r in items:
            rows.append(f"<tr><td>{kind}</td><td>{html.escape(r['type'])}</td><td>{html.escape(r['text'])}</td>"
                        f"<td><code>{html.escape(json.dumps(r.get('value'), ensure_ascii=False))}</code></td>"
                        f"<td>{_sentence(text, r['start'], r['end'])}</td></tr>")
    for pair in doc_score.wrong_values:
        g, p = pair["gold"], pair["pred"]
        rows.append(f"<tr><td>wrong value</td><td>{html.escape(g['type'])}</td><td>{html.escape(g['text'])}</td>"
                    f"<td>gold <code>{html.escape(json.dumps(g['value'], ensure_ascii=False))}</code><br>"
                    f"predicted <code>{html.escape(json.dumps(p['value'], ensure_ascii=False))}</code></td>"
                    f"<td>{_sentence(text, g['start'], g['end'])}</td></tr>")
    if not rows:
        return "<p>No errors.</p>"
    return ("<table class='errors'><tr><th>error</th><th>type</th><th>span</th><th>value</th><th>sentence</th></tr>"
            + "".join(rows) + "</table>")


def html_report(result: dict, gold_docs: dict, pred_docs: dict, texts: dict[str, str], markdown: str) -> str:
    legend = " ".join(f"<span class='key' style='background:{COLORS[t]}'>{t} {TYPE_NAMES_ZH[t]}</span>"
                      for t in RECORD_TYPES)
    sections = []
    for doc_score in result["_doc_scores"]:
        doc_id = doc_score.doc_id
        text = texts.get(doc_id, "")
        gold_html = _render_spans(text, gold_docs[doc_id].get("records", []))
        pred_html = _render_spans(text, pred_docs.get(doc_id, {}).get("records", []))
        d = result["documents"][doc_id]
        sections.append(
            f"<section id='{html.escape(doc_id)}'><h2>{html.escape(doc_id)}</h2>"
            f"<p>strict F1 {_fmt(d['strict']['f1'])} · end-to-end F1 {_fmt(d['end_to_end']['f1'])} · "
            f"gold {d['strict']['gold']} · predicted {d['strict']['pred']}</p>"
            f"<div class='side'><div><h3>gold 人工标注</h3>{gold_html}</div>"
            f"<div><h3>predicted 抽取结果</h3>{pred_html}</div></div>"
            f"<h3>errors 错误</h3>{_error_rows(doc_score, text)}</section>")
    table = _markdown_table_html(markdown)
    return f"""<!DOCTYPE html>
<html lang="zh"><head><meta charset="utf-8"><title>zone-extract evaluation</title>
<style>
body {{ font-family: sans-serif; margin: 1.5em; }}
.side {{ display: grid; grid-template-columns: 1fr 1fr; gap: 1.5em; }}
.side > div {{ border: 1px solid #ddd; padding: .5em; line-height: 2.2; }}
table {{ border-collapse: collapse; margin: .5em 0; }}
td, th {{ border: 1px solid #ccc; padding: 2px 6px; vertical-align: top; }}
.key {{ padding: 2px 6px; margin-right: 4px; border-radius: 3px; }}
mark {{ background: #ffe08a; }}
</style></head><body>
<h1>zone-extract evaluation</h1>
<p>{legend}</p>
{table}
{CHART_START}{_chart_svg(result)}{CHART_END}
{''.join(sections)}
</body></html>
"""


def _markdown_table_html(markdown: str) -> str:
    """The per-type table of the Markdown report as HTML (escaped, cell by cell)."""
    rows = [line for line in markdown.splitlines() if line.startswith("|")]
    per_type = []
    for line in rows:
        if line.startswith("| document"):
            break
        per_type.append(line)
    out = []
    for line in per_type:
        if set(line) <= set("|-: "):
            continue
        cells = [html.escape(c.strip().strip("*")) for c in line.strip("|").split("|")]
        out.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return "<table>" + "".join(out) + "</table>"


def write_report(directory: Path, result: dict, gold_docs: dict, pred_docs: dict, texts: dict[str, str]) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "scores.json").write_text(
        json.dumps(public_scores(result), ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    markdown = markdown_report(result)
    (directory / "report.md").write_text(markdown, encoding="utf-8")
    (directory / "report.html").write_text(html_report(result, gold_docs, pred_docs, texts, markdown), encoding="utf-8")
