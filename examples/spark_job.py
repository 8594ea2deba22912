"""Extract records from a folder of text files with Spark and write them as Parquet.

    spark-submit examples/spark_job.py INPUT_DIR OUTPUT_DIR [--ref-date 2022]
    python examples/spark_job.py INPUT_DIR OUTPUT_DIR --master local[2]

Each `*.txt` file is one document; its doc_id is the file name without `.txt`.
A `<name>.meta.json` beside a file supplies its ref_date unless --ref-date is given.
"""

from __future__ import annotations

import argparse
import json
import os
import posixpath
import sys
from typing import Optional

from pyspark.sql import SparkSession, functions as F

from extract.spark import records_frame


def documents_frame(spark: SparkSession, input_dir: str, ref_date: Optional[str] = None):
    """(doc_id, text, ref_date) for every *.txt under input_dir, read with wholeTextFiles."""
    files = spark.sparkContext.wholeTextFiles(posixpath.join(input_dir, "*.txt"))
    metas = dict(
        (posixpath.basename(path)[: -len(".meta.json")], json.loads(body).get("ref_date"))
        for path, body in spark.sparkContext.wholeTextFiles(posixpath.join(input_dir, "*.meta.json")).collect()
    ) if not ref_date else {}
    rows = files.map(lambda pair: (posixpath.basename(pair[0])[: -len(".txt")], pair[1]))
    frame = rows.toDF(["doc_id", "text"])
    lookup = F.create_map([F.lit(x) for kv in metas.items() for x in kv]) if metas else None
    if ref_date:
        return frame.withColumn("ref_date", F.lit(ref_date))
    if lookup is None:
        return frame.withColumn("ref_date", F.lit(None).cast("string"))
    return frame.withColumn("ref_date", lookup[F.col("doc_id")])


def main(argv: Optional[list[str]] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("input_dir")
    parser.add_argument("output_dir")
    parser.add_argument("--ref-date")
    parser.add_argument("--master", help="e.g. local[2]; leave unset under spark-submit")
    args = parser.parse_args(argv)
    builder = SparkSession.builder.appName("zone-extract")
    if args.master:
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    try:
        docs = documents_frame(spark, args.input_dir, args.ref_date)
        records_frame(docs, ref_date_col="ref_date").write.mode("overwrite").parquet(args.output_dir)
    finally:
        spark.stop()


if __name__ == "__main__":
    main()
