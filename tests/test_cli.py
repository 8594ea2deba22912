"""The command line as a user runs it: inputs, outputs, exit codes and messages."""

from __future__ import annotations

import io
import json

import pytest

from extract.cli import main

SENTENCE = "2019年，辖区内新认定高新技术企业86家，今年实现营收20亿元，增长9%。"


def _lines(text):
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_run_on_a_file_writes_one_line_with_records(tmp_path, capsys):
    path = tmp_path / "zone.txt"
    path.write_text(SENTENCE, encoding="utf-8")
    assert main(["run", str(path), "--ref-date", "2020"]) == 0
    (doc,) = _lines(capsys.readouterr().out)
    assert doc["doc_id"] == "zone" and doc["ref_date"] == "2020"
    assert {r["type"] for r in doc["records"]} >= {"date", "amount", "percentage"}
    this_year = next(r for r in doc["records"] if r["text"] == "今年")
    assert this_year["value"] == {"start": "2020", "end": "2020", "relative": True}


def test_relative_dates_stay_null_without_a_reference_date(tmp_path, capsys):
    path = tmp_path / "zone.txt"
    path.write_text(SENTENCE, encoding="utf-8")
    assert main(["run", str(path)]) == 0
    (doc,) = _lines(capsys.readouterr().out)
    this_year = next(r for r in doc["records"] if r["text"] == "今年")
    assert this_year["value"] == {"start": None, "end": None, "relative": True}


def test_run_on_a_folder_recurses_and_writes_output_file(tmp_path, capsys):
    (tmp_path / "in" / "sub").mkdir(parents=True)
    (tmp_path / "in" / "a.txt").write_text(SENTENCE, encoding="utf-8")
    (tmp_path / "in" / "sub" / "b.txt").write_text("增长9%", encoding="utf-8")
    (tmp_path / "in" / "notes.md").write_text("ignored", encoding="utf-8")
    out = tmp_path / "out" / "records.jsonl"
    assert main(["run", str(tmp_path / "in"), "-o", str(out)]) == 0
    assert [d["doc_id"] for d in _lines(out.read_text(encoding="utf-8"))] == ["a", "b"]
    assert not list(out.parent.glob(".*.tmp"))


def test_run_reads_stdin_and_jsonl_rows_in_order(monkeypatch, capsys):
    rows = [{"doc_id": "x", "text": SENTENCE, "ref_date": "2021"}, {"doc_id": "y", "text": "增长9%"}]
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(json.dumps(r, ensure_ascii=False) for r in rows)))
    assert main(["run", "-", "--input-format", "jsonl"]) == 0
    docs = _lines(capsys.readouterr().out)
    assert [d["doc_id"] for d in docs] == ["x", "y"]
    assert docs[0]["ref_date"] == "2021" and docs[1]["ref_date"] is None


def test_bad_jsonl_rows_give_error_lines_and_exit_1(tmp_path, capsys):
    path = tmp_path / "rows.jsonl"
    path.write_text('{"doc_id": "ok", "text": "增长9%"}\nnot json\n{"doc_id": "none"}\n', encoding="utf-8")
    assert main(["run", str(path), "--input-format", "jsonl"]) == 1
    captured = capsys.readouterr()
    docs = _lines(captured.out)
    assert [("error" in d) for d in docs] == [False, True, True]
    assert docs[1]["error"]["code"] == "bad_json" and docs[2]["error"]["code"] == "no_text"
    assert "rows.jsonl:2" in captured.err


def test_a_bad_reference_date_is_a_usage_error(tmp_path, capsys):
    path = tmp_path / "zone.txt"
    path.write_text(SENTENCE, encoding="utf-8")
    assert main(["run", str(path), "--ref-date", "2020/13"]) == 2
    assert "YYYY" in capsys.readouterr().err


def test_missing_file_is_reported_and_the_batch_goes_on(tmp_path, capsys):
    good = tmp_path / "good.txt"
    good.write_text(SENTENCE, encoding="utf-8")
    assert main(["run", str(tmp_path / "absent.txt"), str(good)]) == 1
    captured = capsys.readouterr()
    docs = _lines(captured.out)
    assert docs[0]["error"]["code"] == "unreadable" and docs[1]["doc_id"] == "good"
    assert "absent.txt" in captured.err


def test_schema_is_the_document_json_schema(capsys):
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "Document"
    record_schema = schema["properties"]["records"]["items"]
    assert set(record_schema["discriminator"]["mapping"]) == {"date", "ranking", "amount", "percentage", "company"}


def test_unknown_command_is_a_usage_error():
    assert main(["frobnicate"]) == 2


@pytest.mark.parametrize("fmt", ["doccano", "label-studio"])
def test_run_writes_pre_annotations(tmp_path, capsys, fmt):
    path = tmp_path / "zone.txt"
    path.write_text(SENTENCE, encoding="utf-8")
    assert main(["run", str(path), "--format", fmt, "--ref-date", "2020"]) == 0
    out = capsys.readouterr().out
    if fmt == "doccano":
        row = json.loads(out)
        assert [SENTENCE[s:e] for s, e, _ in row["label"]][:1] == ["2019年"]
    else:
        (task,) = json.loads(out)
        labels = [r for r in task["predictions"][0]["result"] if r["type"] == "labels"]
        assert labels[0]["value"]["text"] == "2019年"


def test_run_collects_garbage_less_often_and_restores_the_threshold(tmp_path, monkeypatch, capsys):
    import gc

    import extract.cli as cli
    from extract.pipeline import BATCH_GC_THRESHOLD

    seen = []

    def recording(item, ref_date, include_text):
        seen.append(gc.get_threshold()[0])
        return real(item, ref_date, include_text)

    real = cli._extract_with
    monkeypatch.setattr(cli, "_extract_with", recording)
    before = gc.get_threshold()
    (tmp_path / "a.txt").write_text("2019年营收20亿元。", encoding="utf-8")
    assert main(["run", str(tmp_path / "a.txt"), "--quiet"]) == 0
    assert seen == [BATCH_GC_THRESHOLD]
    assert gc.get_threshold() == before


def _rows_file(tmp_path, count):
    texts = [SENTENCE, "增长9%", "在江苏118家经济开发区中排名跃至第7位。", "近两千亿元", "", "苏州纳米城新增企业12家。"]
    path = tmp_path / "rows.jsonl"
    rows = [{"doc_id": f"d{i}", "text": texts[i % len(texts)], "ref_date": "2021"} for i in range(count)]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    return path


def test_workers_give_the_same_lines_in_input_order(tmp_path, capsys):
    path = _rows_file(tmp_path, 40)
    assert main(["run", str(path), "--input-format", "jsonl", "--quiet"]) == 0
    single = capsys.readouterr().out
    assert main(["run", str(path), "--input-format", "jsonl", "--quiet", "--workers", "2"]) == 0
    parallel = capsys.readouterr().out
    assert [d["doc_id"] for d in _lines(parallel)] == [f"d{i}" for i in range(40)]
    assert parallel == single


def test_zero_workers_is_a_usage_error(tmp_path, capsys):
    path = _rows_file(tmp_path, 1)
    assert main(["run", str(path), "--input-format", "jsonl", "--workers", "0"]) == 2
    assert "--workers" in capsys.readouterr().err


@pytest.mark.parametrize("workers", [1, 2])
def test_results_stream_without_reading_the_whole_input(workers):
    import argparse
    import itertools

    from extract.cli import _results

    taken = []

    def many():
        for i in range(2000):
            taken.append(i)
            yield {"doc_id": f"d{i}", "source": "-", "text": "增长9%", "ref_date": None, "carry_text": False}

    args = argparse.Namespace(workers=workers, ref_date=None, include_text=False)
    results = _results(many(), args)
    first = [item["doc_id"] for item, _ in itertools.islice(results, 3)]
    results.close()
    assert first == ["d0", "d1", "d2"]
    assert len(taken) <= 3 + workers * 16


@pytest.mark.parametrize("tty,quiet,shown", [(True, False, True), (True, True, False), (False, False, False)])
def test_progress_bar_only_on_a_terminal_and_not_with_quiet(tmp_path, monkeypatch, capsys, tty, quiet, shown):
    path = _rows_file(tmp_path, 3)
    monkeypatch.setattr("sys.stdout.isatty", lambda: tty)
    assert main(["run", str(path), "--input-format", "jsonl", "-o", str(tmp_path / "out.jsonl")]
                + (["--quiet"] if quiet else [])) == 0
    err = capsys.readouterr().err
    assert ("doc/s" in err or "3doc" in err) is shown
    assert ("zone-extract" in err) is shown


def test_batch_collection_is_public_and_restores_the_thresholds_after_an_error():
    import gc

    import extract
    from extract.pipeline import BATCH_GC_THRESHOLD

    before = gc.get_threshold()
    with pytest.raises(ValueError), extract.batch_collection():
        assert gc.get_threshold()[0] == BATCH_GC_THRESHOLD
        raise ValueError("a failing document")
    assert gc.get_threshold() == before
