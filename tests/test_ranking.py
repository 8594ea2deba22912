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
