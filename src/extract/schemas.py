"""The schema of every word list in `data/`: a file that does not match its schema fails at load.

Each extractor loads its own file with `lexicon.load(<file>, <schema>)`.
"""

from __future__ import annotations

from typing import Literal, Optional

from .lexicon import DataSchema
from .models import Qualifier


class NumbersData(DataSchema):
    indicators_before_figure: list[str]


class AmountWords(DataSchema):
    currencies: dict[str, str]
    currency_symbols: dict[str, str]
    per_unit_denominators: list[str]
    size_class_suffixes: list[str]
    quantity_units: list[str]
    digits_only_units: list[str]
    unit_not_followed_by: dict[str, list[str]]
    ordinal_prefixes: list[str]
    position_verbs: list[str]
    position_scopes: list[str]
    position_units: list[str]
    money_triggers: list[str]
    bare_not_followed_by: list[str]
    stands_alone_after: list[str]
    index_words: list[str]
    free_after_unit: list[str]
    implied_one_before: list[str]
    implied_one_after: list[str]
    implied_one_bare_magnitudes: list[str]


class CompanyData(DataSchema):
    legal_forms: list[str]
    latin_forms: list[str]
    latin_full: list[str]
    short_suffixes: list[str]
    developer_words: list[str]
    developer_leads: list[str]
    noun_like_suffixes: list[str]
    place_named_suffixes: list[str]
    known: list[str]
    known_latin: list[str]
    list_heads: list[str]
    apposition_heads: list[str]
    verb_cues: list[str]
    pre_cues: list[str]
    left_stops: list[str]
    class_heads: list[str]
    attribute_heads: list[str]
    place_endings: list[str]
    generic: list[str]
    not_company: list[str]
    name_words: list[str]
    regions: list[str]
    region_abbreviations: list[str]
    region_prefixes: list[str]
    countries: list[str]
    exchanges: list[str]
    business_words: list[str]
    latin_terms: list[str]
    zone_name_leads: list[str]
    unlisted_forms: list[str]
    branch_forms: list[str]
    measure_endings: list[str]


class DateWords(DataSchema):
    relative_years: dict[str, Optional[int]]
    word_start_required: list[str]
    left_blockers: dict[str, list[str]]
    relative_months: dict[str, Optional[int]]
    standalone: dict[str, tuple[int, Optional[int], Optional[int]]]
    halves: dict[str, tuple[int, int]]
    year_edges: dict[str, int]
    period_edges: dict[str, Literal["first", "last"]]
    month_edges: list[str]
    edge_blockers: list[str]
    range_separators: list[str]
    comparison_prefixes: list[str]
    relative_comparison_prefixes: list[str]
    comparison_suffixes: list[str]
    not_after: list[str]
    recurring_before: list[str]
    plan_followers: list[str]
    quotes: dict[str, str]
    list_separators: list[str]
    day_followers: list[str]
    max_quoted_title: int
    max_book_title: int


class FactsData(DataSchema):
    anaphors: list[str]
    distributing_words: list[str]
    milestone_nouns: list[str]
    publisher_verbs: list[str]
    zone_suffixes: list[str]
    region_suffixes: list[str]
    generic_prefixes: list[str]
    comparison_words: list[str]
    result_verbs: list[str]
    metric_leading: list[str]
    method_notes: list[str]
    metric_leading_verbs: list[str]
    metric_frame_ends: list[str]
    metric_heads: list[str]
    metric_trailing: list[str]
    ranking_verbs: list[str]
    counting_verbs: list[str]
    post_stop: list[str]
    period_words: list[str]
    name_breakers: list[str]
    zone_short_forms: dict[str, str]
    topic_frames: list[str]
    ranking_frames: list[str]
    function_words: list[str]
    anaphor_openers: str
    scope_words: list[str]
    event_nouns: list[str]
    title_verbs: list[str]
    size_words: list[str]
    as_of_words: list[str]
    scope_adverbs: list[str]
    standalone_measures: list[str]
    subpark_suffixes: list[str]
    bare_places: list[str]
    headline_indicators: list[str]
    district_suffixes: list[str]
    direction_heads: list[str]
    common_town_words: list[str]


class PercentageWords(DataSchema):
    increase: list[str]
    decrease: list[str]
    level: list[str]
    rate_nouns: list[str]
    level_reached: list[str]
    neutral: list[str]
    gap_comparators: list[str]
    gap_adjectives: list[str]
    time_marks: list[str]
    gap_lower: list[str]
    share_qualifiers: dict[Qualifier, list[str]]


class QualifierWords(DataSchema):
    prefix: dict[Qualifier, list[str]]
    suffix: dict[Qualifier, list[str]]
    bridges: list[str]
    magnitude_only: dict[Qualifier, list[str]]
    false_prefixes: list[str] = []


class RankingWords(DataSchema):
    verbs: list[str]
    move_verbs: list[str]
    list_published_verbs: list[str]
    zone_group_endings: list[str]
    scope_words: list[str]
    ordinal_blockers: list[str]
    ordinal_da_blockers: list[str]
    top_blockers: list[str]
    before_top_blockers: list[str]
    before_top_allowed: list[str]
    da_blockers: list[str]
    da_triggers: list[str]
    population_nouns: list[str]
    population_measures: list[str]
    container_ends: list[str]
    count_markers: list[str]
    metric_heads: list[str]
    population_noun_blockers: list[str]
    narrower_scopes: list[str]
    coverage_verbs: list[str]
    future_words: list[str]
    goal_words: list[str]
    list_words: list[str]
    evaluation_ends: list[str]
    count_metrics: list[str]
    noun_prefixes: list[str]
    not_rank_before: list[str]
    not_rank_after: list[str]
    past_edition_words: list[str]
