"""Typed errors: the library raises these, the CLI turns them into messages."""


class ExtractError(Exception):
    """Base class of every error the package raises on purpose."""


class DataFileError(ExtractError):
    """A word list or pattern file under `extract/data/` is missing or malformed."""


class RefDateError(ExtractError, ValueError):
    """A reference date is not `YYYY`, `YYYY-MM` or `YYYY-MM-DD`."""


class InputError(ExtractError):
    """An input document or line cannot be read."""


class GoldError(ExtractError):
    """A gold file breaks the annotation contract."""
