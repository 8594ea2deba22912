"""The output contract: one `Record` union discriminated on `type`, and `Document`.

Models are frozen so records can be shared between stages without copying, and
value models forbid extra keys so a typo in a rule never reaches the output.
"""

from __future__ import annotations

from typing import Annotated, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, field_serializer, model_validator

Qualifier = Literal["exact", "approx", "over", "under", "at_least", "at_most"]
Change = Literal["increase", "decrease"]
PercentUnit = Literal["%", "pp", "‰"]
AmountKind = Literal["money", "quantity"]
CompanyForm = Literal["full", "short"]


class _Value(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


def _json_number(number: Optional[float]) -> Optional[int | float]:
    """`219`, not `219.0`, for whole numbers in JSON: spreadsheets and databases read it as written."""
    if number is not None and float(number).is_integer() and abs(number) < 2**53:
        return int(number)
    return number


class DateValue(_Value):
    start: Optional[str]
    end: Optional[str]
    relative: bool


class RankingValue(_Value):
    rank: Optional[int] = None
    rank_max: Optional[int] = None
    top_n: Optional[int] = None
    tier: Optional[int] = None
    qualifier: Qualifier = "exact"
    out_of: Optional[int] = None
    scope: Optional[str] = None
    metric: Optional[str] = None

    @model_validator(mode="after")
    def _exactly_one_position(self) -> "RankingValue":
        set_fields = [f for f in ("rank", "top_n", "tier") if getattr(self, f) is not None]
        if len(set_fields) != 1:
            raise ValueError("exactly one of rank, top_n, tier must be set")
        return self


class AmountValue(_Value):
    value: float
    value_max: Optional[float] = None
    unit: str
    kind: AmountKind
    qualifier: Qualifier = "exact"

    @field_serializer("value", "value_max", when_used="json")
    def _whole_numbers_as_int(self, number: Optional[float]) -> Optional[int | float]:
        return _json_number(number)


class PercentageValue(_Value):
    value: float
    value_max: Optional[float] = None
    unit: PercentUnit
    qualifier: Qualifier = "exact"
    change: Optional[Change] = None

    @field_serializer("value", "value_max", when_used="json")
    def _whole_numbers_as_int(self, number: Optional[float]) -> Optional[int | float]:
        return _json_number(number)


class CompanyValue(_Value):
    name: str
    form: CompanyForm


class _RecordBase(BaseModel):
    """A span of the original text; `rule` names the rule that found it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    start: int = Field(ge=0)
    end: int = Field(gt=0)
    text: str
    rule: Optional[str] = None

    @model_validator(mode="after")
    def _span_is_consistent(self) -> "_RecordBase":
        if self.end <= self.start or len(self.text) != self.end - self.start:
            raise ValueError("span must be non-empty and len(text) == end - start")
        return self


class DateRecord(_RecordBase):
    type: Literal["date"] = "date"
    value: DateValue


class RankingRecord(_RecordBase):
    type: Literal["ranking"] = "ranking"
    value: RankingValue


class AmountRecord(_RecordBase):
    type: Literal["amount"] = "amount"
    value: AmountValue


class PercentageRecord(_RecordBase):
    type: Literal["percentage"] = "percentage"
    value: PercentageValue


class CompanyRecord(_RecordBase):
    type: Literal["company"] = "company"
    value: CompanyValue


Record = Annotated[
    Union[DateRecord, RankingRecord, AmountRecord, PercentageRecord, CompanyRecord],
    Field(discriminator="type"),
]

RECORD_TYPES: tuple[str, ...] = ("date", "ranking", "amount", "percentage", "company")


class FactSpan(_Value):
    """A stretch of the text a fact points at; `start`/`end` are null when the text was resolved, not read."""

    text: str
    start: Optional[int] = None
    end: Optional[int] = None


class FactDate(_Value):
    """The fact's period: the ISO bounds of the governing date record, and that record's index."""

    start: Optional[str]
    end: Optional[str]
    record: int


class Fact(_Value):
    """One indicator: value record `record` (index into `records`) about `subject`, measuring `metric`, in `date`.

    `subject.text` is the resolved name (anaphors and declared short names become the
    document's main subject); its span is the mention read, null when none was written.
    """

    record: int = Field(ge=0)
    kind: Literal["amount", "percentage", "ranking"]
    subject: Optional[FactSpan] = None
    metric: Optional[FactSpan] = None
    date: Optional[FactDate] = None
    change: Optional[Change] = None


class Document(BaseModel):
    """One line of output JSONL: a document and its records, sorted by offset."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    doc_id: str
    source: Optional[str] = None
    text_sha256: str
    ref_date: Optional[str] = None
    records: list[Record] = Field(default_factory=list)
    facts: list[Fact] = Field(default_factory=list)
    """Indicator facts linking amount/percentage/ranking records to subject, metric and date."""
    text: Optional[str] = None
    """The decoded text, carried when offsets would otherwise point into nothing the reader has."""

    def to_json(self) -> str:
        """One JSONL line: keys that are unset stay out, nulls inside values stay in."""
        return self.model_dump_json(exclude={"text"} if self.text is None else None)
