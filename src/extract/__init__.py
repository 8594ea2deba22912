"""zone-extract: dates, rankings, amounts, percentages and companies from Chinese zone reports."""

from . import facts as _facts
from .context import RefDate
from .errors import DataFileError, ExtractError, GoldError, InputError, RefDateError
from .models import Document, Record
from .pipeline import batch_collection, extract, extract_many

__all__ = [
    "BUILD",
    "DataFileError",
    "Document",
    "ExtractError",
    "GoldError",
    "InputError",
    "Record",
    "RefDate",
    "RefDateError",
    "batch_collection",
    "extract",
    "extract_many",
]
__version__ = "0.1.0"
BUILD = "pure Python" if _facts.__file__.endswith(".py") else "compiled"
"""`compiled` when the package was installed with ZONE_EXTRACT_COMPILE=1 (see setup.py)."""
