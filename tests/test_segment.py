"""The one door to jieba: tokens, dictionary frequencies and part-of-speech tags."""

from __future__ import annotations

import pytest

from extract.segment import TagIndex, Tokens, pos_tag, token_spans, word_frequency


def test_tokens_cover_the_text_and_answer_boundaries():
    text = "吴江开发区新认定高新技术企业86家"
    spans = token_spans(text)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:]))
    tokens = Tokens(spans)
    assert tokens.is_boundary(0) and tokens.is_boundary(len(text))
    assert tokens.token_at(len(text) + 5) is None


def test_part_of_speech_tags_match_the_dictionary():
    import jieba.posseg

    table = jieba.posseg.dt.word_tag_tab
    for word in ("北京", "发展", "公司", "科技", "的", "上海", "不存在的词语组合"):
        assert pos_tag(word) == table.get(word)
    assert word_frequency("发展") > word_frequency("不存在的词语组合") == 0


@pytest.mark.parametrize("missing", ["", "0", "zzz", "龘龘"])
def test_tag_index_searches_a_sorted_file(tmp_path, missing):
    path = tmp_path / "tags.tsv"
    path.write_bytes("\n".join(sorted(["a\tn", "b\tv", "北京\tns", "发展\tvn"], key=str.encode)).encode() + b"\n")
    index = TagIndex(path)
    assert index.get("北京") == "ns" and index.get("a") == "n" and index.get("发展") == "vn"
    assert index.get(missing) is None
