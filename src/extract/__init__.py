"""zone-extract: dates, rankings, amounts, percentages and companies from Chinese zone reports."""

from .context import RefDate
from .errors import DataFileError, ExtractError, GoldError, InputError, RefDateError
from .models import Document, Record
from .pipeline import extract, extract_many

__all__ = [
    "DataFileError",
    "Document",
    "ExtractError",
    "GoldError",
    "InputError",
    "Record",
    "RefDate",
    "RefDateError",
    "extract",
    "extract_many",
]
__version__ = "0.1.0"
