"""Reading and writing document JSONL (output lines and gold files alike)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

from .errors import GoldError, InputError


def iter_jsonl(path: Path) -> Iterator[tuple[int, dict]]:
    with path.open(encoding="utf-8-sig") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                yield number, json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}:{number}: not a JSON line ({exc.msg})") from exc


def load_documents(path: str | Path) -> dict[str, dict]:
    """Document lines from one JSONL file, or from every `*.jsonl` in a folder, keyed by doc_id."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"no such file or folder: {path}")
    files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    docs: dict[str, dict] = {}
    for file in files:
        for number, doc in iter_jsonl(file):
            doc_id = doc.get("doc_id")
            if not isinstance(doc_id, str):
                raise GoldError(f"{file}:{number}: line has no doc_id")
            if doc_id in docs:
                raise GoldError(f"{file}:{number}: doc_id {doc_id!r} appears twice")
            if "error" not in doc:
                docs[doc_id] = doc
    return docs
