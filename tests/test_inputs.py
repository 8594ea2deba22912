"""Real inputs and bad inputs: encodings, web pages, Word, PDF, 繁體, and files that cannot be read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract import extract
from extract import cli
from extract.cli import main
from extract.textnorm import simplify

FIXTURES = Path(__file__).parent / "fixtures"
ARTICLE = (
    "2019年，园区新认定高新技术企业86家，实现营业收入20亿元，同比增长9%。\n"
    "今年，在全省118家开发区中，园区综合考评排名跃至第7位。"
)


def _run(capsys, *argv) -> tuple[int, list[dict], str]:
    code = main(["run", *map(str, argv)])
    captured = capsys.readouterr()
    return code, [json.loads(line) for line in captured.out.splitlines() if line.strip()], captured.err


def _signature(doc: dict) -> list[tuple]:
    return [(r["type"], r["start"], r["end"], json.dumps(r["value"], sort_keys=True)) for r in doc["records"]]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "gb18030", "gbk"])
def test_every_encoding_gives_the_same_records(tmp_path, capsys, encoding):
    reference = json.loads(extract(ARTICLE, "2020").to_json())
    path = tmp_path / "article.txt"
    path.write_bytes(ARTICLE.encode(encoding))
    code, (doc,), _ = _run(capsys, path, "--ref-date", "2020")
    assert code == 0
    assert _signature(doc) == _signature(reference)
    assert doc["records"]


def test_big5_traditional_text_is_detected_and_read(tmp_path, capsys):
    traditional = "2019年，園區新認定高新技術企業86家，實現營業收入20億元，同比增長9%。今年園區綜合考評排名躍至第7位。"
    path = tmp_path / "big5.txt"
    path.write_bytes(traditional.encode("big5"))
    code, (doc,), _ = _run(capsys, path, "--ref-date", "2020")
    assert code == 0
    by_type = {r["type"]: r for r in doc["records"]}
    assert by_type["amount"]["text"] in ("86家", "20億元")
    money = next(r for r in doc["records"] if r["text"] == "20億元")
    assert money["value"]["value"] == 2_000_000_000 and money["value"]["unit"] == "CNY"
    for record in doc["records"]:
        assert traditional[record["start"]:record["end"]] == record["text"]


def test_encoding_can_be_forced(tmp_path, capsys):
    path = tmp_path / "gbk.txt"
    path.write_bytes(ARTICLE.encode("gbk"))
    code, (doc,), _ = _run(capsys, path, "--encoding", "gbk")
    assert code == 0 and doc["records"]
    assert main(["run", str(path), "--encoding", "no-such-codec"]) == 2


def test_traditional_script_matches_simplified_values():
    """Every value agrees with the simplified text's; a ranking's scope and metric are quoted as written."""
    simplified = extract(ARTICLE, "2020")
    traditional_text = "2019年，園區新認定高新技術企業86家，實現營業收入20億元，同比增長9%。\n今年，在全省118家開發區中，園區綜合考評排名躍至第7位。"
    assert simplify(traditional_text) == ARTICLE
    traditional = extract(traditional_text, "2020")
    quoted = {"scope", "metric"}

    def normalized(document):
        return [(r.type, r.start, r.end, r.value.model_dump(exclude=quoted) if r.type == "ranking" else r.value)
                for r in document.records]

    assert normalized(traditional) == normalized(simplified)
    (ranking,) = [r for r in traditional.records if r.type == "ranking"]
    assert (ranking.value.scope, ranking.value.metric) == ("全省118家開發區", "綜合考評")


def test_html_page_main_text_is_extracted_and_carried(tmp_path, capsys):
    page = f"""<html><head><title>园区新闻</title><script>var total = "3000亿元";</script>
    <style>p {{ color: red }}</style></head><body><nav><a href="/">首页</a> <a href="/news">新闻</a></nav>
    <article><h1>园区经济运行情况</h1>{''.join(f'<p>{line}</p>' for line in ARTICLE.splitlines())}
    <p>园区将继续优化营商环境，推动高质量发展，为区域经济贡献更多力量。</p></article>
    <footer>版权所有 2020</footer></body></html>"""
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    code, (doc,), _ = _run(capsys, path, "--ref-date", "2020")
    assert code == 0
    text = doc["text"]
    assert "3000亿元" not in text and "color" not in text
    assert "实现营业收入20亿元" in text
    for record in doc["records"]:
        assert text[record["start"]:record["end"]] == record["text"]
    assert any(r["text"] == "20亿元" for r in doc["records"])


def test_docx_paragraphs_are_read(tmp_path, capsys):
    import docx

    document = docx.Document()
    for line in ARTICLE.splitlines():
        document.add_paragraph(line)
    path = tmp_path / "report.docx"
    document.save(path)
    code, (doc,), _ = _run(capsys, path, "--ref-date", "2020")
    assert code == 0
    assert doc["text"].splitlines() == ARTICLE.splitlines()
    assert any(r["type"] == "ranking" and r["text"] == "第7位" for r in doc["records"])


def test_pdf_text_layer_is_read(capsys):
    code, (doc,), _ = _run(capsys, FIXTURES / "zone-report.pdf", "--ref-date", "2020")
    assert code == 0
    assert "高新技术企业86家" in doc["text"]
    found = {(r["type"], r["text"]) for r in doc["records"]}
    assert {("amount", "86家"), ("amount", "20亿元"), ("percentage", "9%"), ("ranking", "第3位")} <= found


def test_include_text_adds_text_for_plain_files(tmp_path, capsys):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    _, (plain,), _ = _run(capsys, path)
    _, (carried,), _ = _run(capsys, path, "--include-text")
    assert "text" not in plain and carried["text"] == ARTICLE


BAD_INPUTS = {
    "empty.txt": (b"", "empty"),
    "blank.txt": (b"   \n\t\n", "empty"),
    "binary.txt": (bytes(range(256)) * 8, "binary"),
    "broken.docx": (b"PK\x03\x04 not really a zip", "corrupt"),
    "broken.pdf": (b"%PDF-1.4 garbage", "corrupt"),
}


def test_each_bad_input_gives_an_error_line_and_the_batch_goes_on(tmp_path, capsys):
    folder = tmp_path / "batch"
    folder.mkdir()
    for name, (data, _) in BAD_INPUTS.items():
        (folder / name).write_bytes(data)
    (folder / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "huge.txt").write_text(ARTICLE * 50, encoding="utf-8")
    code, docs, err = _run(capsys, folder, "--max-bytes", "4000")
    assert code == 1
    by_name = {Path(d["source"]).name: d for d in docs}
    for name, (_, error_code) in BAD_INPUTS.items():
        assert by_name[name]["error"]["code"] == error_code, name
        assert name in err
        assert "records" not in by_name[name]
    assert by_name["huge.txt"]["error"]["code"] == "too_large"
    assert by_name["good.txt"]["records"]


def test_undecodable_bytes_under_a_forced_encoding(tmp_path, capsys):
    path = tmp_path / "latin.txt"
    path.write_bytes("开发区".encode("gbk"))
    code, (doc,), err = _run(capsys, path, "--encoding", "utf-8")
    assert code == 1 and doc["error"]["code"] == "undecodable" and "latin.txt" in err


def test_a_missing_path_is_unreadable(tmp_path, capsys):
    code, (doc,), _ = _run(capsys, tmp_path / "missing.txt")
    assert code == 1 and doc["error"]["code"] == "unreadable"


def _article_folder(tmp_path: Path, count: int) -> Path:
    source = tmp_path / "in"
    source.mkdir()
    for i in range(count):
        (source / f"d{i}.txt").write_text(ARTICLE, encoding="utf-8")
    return source


def test_killed_run_leaves_previous_output_whole(tmp_path, monkeypatch):
    source = _article_folder(tmp_path, 3)
    out = tmp_path / "out.jsonl"
    out.write_text("previous complete output\n", encoding="utf-8")
    calls = {"n": 0}
    real = cli.extract

    def dying_extract(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr("extract.cli.extract", dying_extract)
    with pytest.raises(KeyboardInterrupt):
        main(["run", str(source), "-o", str(out)])
    assert out.read_text(encoding="utf-8") == "previous complete output\n"
    assert not list(tmp_path.glob(".out.jsonl.*"))


def test_resume_skips_documents_already_written(tmp_path, monkeypatch):
    source = _article_folder(tmp_path, 3)
    out = tmp_path / "out.jsonl"
    assert main(["run", str(source), "-o", str(out)]) == 0
    (source / "d3.txt").write_text(ARTICLE, encoding="utf-8")
    seen = []
    real = cli.extract
    monkeypatch.setattr("extract.cli.extract", lambda *a, **k: seen.append(k["doc_id"]) or real(*a, **k))
    assert main(["run", str(source), "-o", str(out), "--resume"]) == 0
    assert seen == ["d3"]
    assert [json.loads(line)["doc_id"] for line in out.read_text(encoding="utf-8").splitlines()] == ["d0", "d1", "d2", "d3"]


def test_jsonl_batches_stream_and_limit_each_row(tmp_path, capsys):
    rows = tmp_path / "batch.jsonl"
    big = json.dumps({"doc_id": "big", "text": ARTICLE * 40}, ensure_ascii=False)
    small = json.dumps({"doc_id": "small", "text": ARTICLE}, ensure_ascii=False)
    rows.write_bytes(("\ufeff" + small + "\n" + big + "\n" + small.replace("small", "again") + "\n").encode("utf-8"))
    code, docs, err = _run(capsys, rows, "--input-format", "jsonl", "--max-bytes", "2000")
    assert code == 1
    assert [d["doc_id"] for d in docs] == ["small", f"{rows}:2", "again"]
    assert docs[1]["error"]["code"] == "too_large" and "batch.jsonl:2" in err
    assert docs[0]["records"] and docs[2]["records"]
