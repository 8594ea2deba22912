"""Turning what users have (files in any common encoding, web pages, Word, PDF) into text.

Every reader returns the decoded text the offsets will point into; anything that
cannot be read raises `InputError` with a short code, so a batch reports it and goes on.
"""

from __future__ import annotations

import codecs
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from .errors import InputError

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
PLAIN_SUFFIXES = (".txt", ".text", "")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
DOCX_SUFFIXES = (".docx",)
PDF_SUFFIXES = (".pdf",)
INPUT_SUFFIXES = (".txt",) + HTML_SUFFIXES + DOCX_SUFFIXES + PDF_SUFFIXES

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CJK_ENCODINGS = ["utf_8", "gb18030", "big5", "utf_16", "gbk", "big5hkscs"]


class DocumentInputError(InputError):
    """A document that cannot be read; `code` names the reason for machines."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class LoadedText:
    text: str
    kind: str
    """`plain`, `html`, `docx` or `pdf`: every kind but plain carries its text in the output."""
    encoding: Optional[str] = None


def decode_bytes(data: bytes, encoding: Optional[str] = None, where: str = "") -> tuple[str, str]:
    """Decode with a BOM if present, else the given encoding, else UTF-8, else detection."""
    if not data:
        raise DocumentInputError("empty", f"{where}: 文件为空 (empty file)")
    if encoding:
        try:
            return data.decode(encoding), encoding
        except LookupError as exc:
            raise DocumentInputError("unknown_encoding", f"未知编码 {encoding!r} (unknown encoding)") from exc
        except UnicodeDecodeError as exc:
            raise DocumentInputError("undecodable", f"{where}: 不能按 {encoding} 解码 (byte {exc.start})") from exc
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as exc:
                raise DocumentInputError("undecodable", f"{where}: {name} 解码失败 (byte {exc.start})") from exc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if _looks_binary(data):
        raise DocumentInputError("binary", f"{where}: 二进制文件，不是文本 (binary file)")
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=_CJK_ENCODINGS).best()
    if best is None:
        raise DocumentInputError("undecodable", f"{where}: 无法识别编码 (encoding not recognized; try --encoding)")
    return str(best), best.encoding


def _looks_binary(data: bytes) -> bool:
    sample = data[:4096]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return controls > len(sample) * 0.05


def html_text(markup: str) -> str:
    """Main text of a web page: scripts, styles and navigation dropped, paragraphs kept."""
    import trafilatura

    text = trafilatura.extract(markup, include_comments=False, include_tables=True, favor_precision=True)
    if not text:
        text = trafilatura.extract(markup, include_comments=False, include_tables=True, favor_recall=True)
    if not text:
        from lxml import html as lxml_html

        tree = lxml_html.fromstring(markup)
        for node in tree.xpath("//script|//style|//nav|//header|//footer"):
            node.drop_tree()
        text = "\n".join(p.strip() for p in tree.text_content().splitlines() if p.strip())
    return text


def docx_text(data: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(data))
    paragraphs = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            paragraphs.append("\t".join(cell.text for cell in row.cells))
    return "\n".join(paragraphs)


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    pages = [page.extract_text() or "" for page in reader.pages]
    return "\n".join(pages)


def load_file(path: Path, encoding: Optional[str] = None, max_bytes: int = DEFAULT_MAX_BYTES) -> LoadedText:
    """Read one input file as text, by its suffix."""
    where = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise DocumentInputError("too_large", f"{where}: 文件 {size} 字节，超过上限 {max_bytes} (over --max-bytes)")
        data = path.read_bytes()
    except DocumentInputError:
        raise
    except OSError as exc:
        raise DocumentInputError("unreadable", f"{where}: 无法读取 ({exc.strerror or exc})") from exc
    suffix = path.suffix.lower()
    if suffix in DOCX_SUFFIXES:
        return LoadedText(_nonempty(_parse(docx_text, data, where), where), "docx")
    if suffix in PDF_SUFFIXES:
        return LoadedText(_nonempty(_parse(pdf_text, data, where), where), "pdf")
    text, used = decode_bytes(data, encoding, where)
    if suffix in HTML_SUFFIXES:
        return LoadedText(_nonempty(html_text(text), where), "html", used)
    return LoadedText(_nonempty(text, where), "plain", used)


def _parser_errors() -> tuple[type[BaseException], ...]:
    """What python-docx and pypdf raise on a corrupt or mislabelled file."""
    import zipfile

    from docx.opc.exceptions import PackageNotFoundError
    from pypdf.errors import PyPdfError

    return (zipfile.BadZipFile, PackageNotFoundError, PyPdfError, KeyError, ValueError, EOFError)


def _parse(reader, data: bytes, where: str) -> str:
    try:
        return reader(data)
    except _parser_errors() as exc:
        raise DocumentInputError("corrupt", f"{where}: 文件已损坏或格式不符 ({type(exc).__name__})") from exc


def _nonempty(text: str, where: str) -> str:
    if not text.strip():
        raise DocumentInputError("empty", f"{where}: 没有可抽取的文本 (no text)")
    return text
