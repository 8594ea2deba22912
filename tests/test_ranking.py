"""Unit tests of the ranking helpers that read the ranked population around a span."""

from __future__ import annotations

from extract import ranking


def test_count_scope_reads_group_closed_by_container():
    out_of, scope, metric = ranking._count_scope("在全国186个国家级经开区综合考评中位居", 25)
    assert (out_of, scope, metric) == (186, "全国186个国家级经开区", "综合考评")


def test_count_scope_ignores_a_count_of_its_own():
    assert ranking._count_scope("全区有12家企业，其中龙头企业以3万件数量", 1) == (None, None, None)


def test_count_scope_refuses_group_smaller_than_position():
    assert ranking._count_scope("在全省9个设区市中居", 12)[0] is None


def test_split_scope_separates_metric():
    assert ranking._split_scope("全国GDP") == ("全国", "GDP")
    assert ranking._split_scope("全国开发区") == ("全国开发区", None)


def test_rule_names_are_unique():
    names = [rule.name for rule in ranking.RULES]
    assert len(names) == len(set(names))


def test_same_noun_accepts_abbreviations_only():
    assert ranking._same_noun("综保区", "综合保税区")
    assert ranking._same_noun("经开区", "经济技术开发区")
    assert not ranking._same_noun("市辖区", "区")


def test_counted_population_never_reads_a_year():
    assert ranking._COUNTED_POPULATION.search("入选“2020中国民营企业") is None


def test_document_frames_take_a_covered_population_from_the_opening():
    from extract.context import Context

    ctx = Context("考评结果公布\n　　本次考评覆盖全国229家国家级经开区，从五个方面进行综合评价，甲经开区位列第一。")
    assert [f.size for f in ranking.document_frames(ctx)] == [229]


def test_document_frames_skip_a_counted_subject_group():
    from extract.context import Context

    ctx = Context("城市分布\n　　在412家科创板上市公司中，有160家营收增长超过四成，其余公司增速较为平稳。")
    assert ranking.document_frames(ctx) == ()
