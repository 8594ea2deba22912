"""The one door to jieba: tokens, dictionary frequencies and part-of-speech tags."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.segment import TagIndex, Tokens, cut_run, pos_tag, token_spans, tokenizer, word_frequency
from extract.textnorm import normalize

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def test_tokens_cover_the_text_and_answer_boundaries():
    text = "吴江开发区新认定高新技术企业86家"
    spans = token_spans(text)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:]))
    tokens = Tokens(text)
    assert tokens.spans == spans
    assert tokens.is_boundary(0) and tokens.is_boundary(len(text))
    assert tokens.token_at(len(text) + 5) is None and tokens.token_at(-1) is None


def _assert_same_as_whole_text(text: str) -> None:
    """Run-by-run tokens answer every question as jieba's cut of the whole text does."""
    whole = token_spans(text)
    boundaries = {s for s, _ in whole} | {e for _, e in whole}
    owner = {offset: span for span in whole for offset in range(*span)}
    lazy = Tokens(text)
    for offset in range(-1, len(text) + 2):
        assert lazy.token_at(offset) == owner.get(offset), (text, offset)
        assert lazy.is_boundary(offset) == (offset in boundaries), (text, offset)
    assert Tokens(text).spans == whole
    assert Tokens(text).words(3, len(text) - 2) == [(s, e) for s, e in whole if s >= 3 and e <= len(text) - 2]


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("*.txt"))[:8])
def test_lazy_tokens_match_whole_text_segmentation_on_the_corpus(name):
    _assert_same_as_whole_text(normalize((CORPUS / name).read_text(encoding="utf-8")))


@pytest.mark.parametrize("text", ["", "\r\n", "a\r\nb\r\r\n\n。x", "吴江 开发区\r\n86家，", "  \u3000 abc-1.5%……"])
def test_lazy_tokens_handle_spaces_and_line_breaks(text):
    _assert_same_as_whole_text(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="吴江开发区新认定高新技术企业家的了在和与年月日元亿万第位名我们发展经济 ，。、\r\n-.%0123456789abAB", max_size=60))
def test_lazy_tokens_match_whole_text_segmentation_on_any_text(text):
    _assert_same_as_whole_text(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="吴江开发区新认定高新技术企业家的了在和与年月日元亿万第位名我们发展经济乂囧犇龘氹0123456789abAB", min_size=1, max_size=40))
def test_run_cut_equals_jieba_cut(run):
    assert cut_run(run) == list(tokenizer().cut(run))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="乂囧犇龘氹踔厉兿覃嬲槑靐烎赟0123456789ab.%的", min_size=2, max_size=30))
def test_unknown_characters_are_joined_as_jiebas_hmm_joins_them(run):
    assert cut_run(run) == list(tokenizer().cut(run))


def test_part_of_speech_tags_match_the_dictionary():
    import jieba.posseg

    table = jieba.posseg.dt.word_tag_tab
    for word in ("北京", "发展", "公司", "科技", "的", "上海", "不存在的词语组合"):
        assert pos_tag(word) == table.get(word)
    assert word_frequency("发展") > word_frequency("不存在的词语组合") == 0


@pytest.mark.parametrize("block_bytes", [1, 8, 4096])
@pytest.mark.parametrize("missing", ["", "0", "zzz", "龘龘", "发", "北京市"])
def test_tag_index_searches_a_sorted_file(tmp_path, missing, block_bytes):
    path = tmp_path / "tags.tsv"
    words = {"a": "n", "b": "v", "北京": "ns", "发展": "vn", "公司": "n", "科技": "n", "上海": "ns"}
    path.write_bytes("\n".join(sorted((f"{w}\t{t}" for w, t in words.items()), key=str.encode)).encode() + b"\n")
    index = TagIndex(path, block_bytes=block_bytes)
    assert {w: index.get(w) for w in words} == words
    assert index.get(missing) is None


def test_tag_index_agrees_with_jiebas_table_on_every_thousandth_word_and_its_neighbours():
    import jieba.posseg

    from extract.segment import _tag_index

    table = jieba.posseg.dt.word_tag_tab
    index = _tag_index()
    words = sorted(table, key=str.encode)[::1000]
    for word in words:
        for probe in (word, word + "龘", word[:-1]):
            assert index.get(probe) == table.get(probe), probe
