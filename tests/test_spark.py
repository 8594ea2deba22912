"""Spark: the records of a local[2] job equal those of `zone-extract run` on the corpus."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import sys

import pytest

pytest.importorskip("pyspark", reason="the Spark extra is not installed (pip install .[spark])")
if shutil.which("java") is None:
    pytest.skip("no Java runtime for Spark on this machine", allow_module_level=True)

from extract import extract  # noqa: E402
from extract.spark import spark_schema, value_columns  # noqa: E402


def _spark_job(root):
    spec = importlib.util.spec_from_file_location("spark_job", root / "examples" / "spark_job.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    session = (SparkSession.builder.master("local[2]").appName("zone-extract-test")
               .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate())
    yield session
    session.stop()


def test_schema_is_derived_from_the_value_models():
    names = spark_schema().fieldNames()
    assert names[:6] == ["doc_id", "type", "start", "end", "text", "rule"]
    assert {"value_rank", "value_out_of", "value_value", "value_unit", "value_name", "value_relative"} <= set(names)
    assert value_columns()["value_value"] is float and value_columns()["value_rank"] is int


def test_local_job_matches_the_command_line(spark, root, tmp_path):
    job = _spark_job(root)
    docs = job.documents_frame(spark, str(root / "corpus"))
    from extract.spark import records_frame

    out = tmp_path / "records.parquet"
    records_frame(docs, ref_date_col="ref_date").write.mode("overwrite").parquet(str(out))
    rows = spark.read.parquet(str(out)).collect()
    got = sorted((r.doc_id, r.type, r.start, r.end, r.text, r.value_json) for r in rows)

    expected = []
    for path in sorted((root / "corpus").glob("*.txt")):
        meta = json.loads(path.with_name(path.stem + ".meta.json").read_text(encoding="utf-8"))
        doc = extract(path.read_bytes().decode("utf-8"), meta["ref_date"], doc_id=path.stem)
        expected += [(path.stem, r.type, r.start, r.end, r.text,
                      json.dumps(r.value.model_dump(), ensure_ascii=False, sort_keys=True)) for r in doc.records]
    assert got == sorted(expected)
    assert len(got) > 1000
