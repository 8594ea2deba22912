"""Records as a Spark DataFrame: one row per record, the extractor loaded once per partition.

The Spark schema is derived from the pydantic value models, so the columns cannot
drift from the JSON output: every value field becomes a `value_<field>` column of
the matching Spark type, and `value_json` carries the whole value as JSON.
"""

from __future__ import annotations

import json
import types
import typing
from typing import Iterator, Optional

from .models import AmountValue, CompanyValue, DateValue, PercentageValue, RankingValue

VALUE_MODELS = (DateValue, RankingValue, AmountValue, PercentageValue, CompanyValue)
RECORD_COLUMNS = (("doc_id", str), ("type", str), ("start", int), ("end", int), ("text", str), ("rule", str))


def _python_type(annotation) -> type:
    """The scalar type behind Optional[...] and Literal[...] annotations."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        (inner,) = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _python_type(inner)
    if origin is typing.Literal:
        return type(typing.get_args(annotation)[0])
    return annotation


def value_columns() -> dict[str, type]:
    """`value_<field>` → Python type, over all value models; a field typed twice must agree."""
    columns: dict[str, type] = {}
    for model in VALUE_MODELS:
        for name, field in model.model_fields.items():
            kind = _python_type(field.annotation)
            existing = columns.setdefault(f"value_{name}", kind)
            if existing is not kind:
                raise TypeError(f"value field {name!r} is {existing.__name__} in one model and {kind.__name__} in another")
    return columns


def spark_schema():
    from pyspark.sql import types as T

    spark_type = {str: T.StringType(), int: T.LongType(), float: T.DoubleType(), bool: T.BooleanType()}
    fields = [T.StructField(name, spark_type[kind], nullable=name not in ("doc_id", "type", "start", "end", "text"))
              for name, kind in RECORD_COLUMNS]
    fields += [T.StructField(name, spark_type[kind], nullable=True) for name, kind in value_columns().items()]
    fields.append(T.StructField("value_json", T.StringType(), nullable=False))
    return T.StructType(fields)


def record_rows(doc_id: str, text: str, ref_date: Optional[str]) -> Iterator[dict]:
    """Flat rows for one document, in the column order of `spark_schema()`. The frame holds records
    only, so the fact linker (about a third of a document's time) is not run."""
    from .pipeline import records_of

    columns = value_columns()
    for record in records_of(text, ref_date):
        value = record.value.model_dump()
        row = {"doc_id": doc_id, "type": record.type, "start": record.start, "end": record.end,
               "text": record.text, "rule": record.rule}
        row.update({name: None for name in columns})
        row.update({f"value_{k}": v for k, v in value.items()})
        row["value_json"] = json.dumps(value, ensure_ascii=False, sort_keys=True)
        yield row


def records_frame(df, text_col: str = "text", id_col: str = "doc_id", ref_date_col: Optional[str] = None):
    """One row per record of every document in `df`, computed partition by partition."""
    import pandas as pd

    schema = spark_schema()
    names = schema.fieldNames()

    def extract_batches(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        from .pipeline import batch_collection

        for batch in batches:
            rows: list[dict] = []
            with batch_collection():
                for doc_id, text, ref_date in zip(batch[id_col], batch[text_col],
                                                  batch[ref_date_col] if ref_date_col else [None] * len(batch)):
                    rows.extend(record_rows(str(doc_id), text, ref_date))
            yield pd.DataFrame(rows, columns=names)

    columns = [id_col, text_col] + ([ref_date_col] if ref_date_col else [])
    return df.select(*columns).mapInPandas(extract_batches, schema=schema)
