"""The committed outputs/ are what `zone-extract eval` produces now; a stale copy fails here."""

from __future__ import annotations

import re

from extract.cli import main
from extract.report import CHART_END, CHART_START

_CHART = re.compile(re.escape(CHART_START) + ".*?" + re.escape(CHART_END), re.S)


def test_committed_outputs_are_reproduced(root, tmp_path, monkeypatch):
    monkeypatch.chdir(root)
    fresh = tmp_path / "outputs"
    assert main(["eval", "--outputs", str(fresh)]) == 0
    committed = root / "outputs"
    for name in ("corpus.jsonl", "report/scores.json", "report/report.md"):
        assert (fresh / name).read_text(encoding="utf-8") == (committed / name).read_text(encoding="utf-8"), \
            f"outputs/{name} is stale: run `zone-extract eval` and commit"
    fresh_html = _CHART.sub("", (fresh / "report" / "report.html").read_text(encoding="utf-8"))
    committed_html = _CHART.sub("", (committed / "report" / "report.html").read_text(encoding="utf-8"))
    assert fresh_html == committed_html, "outputs/report/report.html is stale"
