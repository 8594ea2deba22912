"""`zone-extract table`: one row per fact, readable by spreadsheet programs."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from extract.cli import main
from extract.table import COLUMNS

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "wujiang-2020.txt"


def _run(tmp_path) -> Path:
    out = tmp_path / "facts.jsonl"
    assert main(["run", str(SEED), "--ref-date", "2020", "-o", str(out), "--quiet"]) == 0
    return out


def test_xlsx_reads_back_with_the_known_row(tmp_path):
    target = tmp_path / "facts.xlsx"
    assert main(["table", str(_run(tmp_path)), "-o", str(target)]) == 0
    sheet = load_workbook(target).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == COLUMNS
    header = {name: i for i, name in enumerate(rows[0])}
    known = [r for r in rows[1:] if r[header["metric"]] == "新认定高新技术企业"]
    assert len(known) == 1
    row = known[0]
    assert (row[header["document"]], row[header["subject"]], row[header["date"]],
            row[header["value"]], row[header["unit"]]) == ("wujiang-2020", "吴江开发区", "2019", 86, "家")
    assert "辖区内新认定高新技术企业86家" in row[header["sentence"]]


def test_csv_starts_with_a_bom_and_keeps_chinese(tmp_path):
    target = tmp_path / "facts.csv"
    assert main(["table", str(_run(tmp_path)), "-o", str(target)]) == 0
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0] == ",".join(COLUMNS)
    assert "吴江开发区,新认定高新技术企业,2019,86,家" in text


def test_missing_input_is_one_clear_error(tmp_path, capsys):
    assert main(["table", str(tmp_path / "nope.jsonl"), "-o", str(tmp_path / "x.csv")]) != 0
    assert "nope.jsonl" in capsys.readouterr().err
