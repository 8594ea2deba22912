"""Lines a page wrapped mid-sentence are read joined; every offset still points into the original."""

from __future__ import annotations

from extract import extract
from extract.pipeline import records_of
from extract.unwrap import soft_breaks, unwrap

WRAPPED = (
    "青省开发区年度考核结果通报\n"
    "  根据《青省开发区综合考核评价办法》，省开发区工作联席会议办公室对全省\n"
    "86个省级以上开发区（其中国家级开发区14个、省级开发区72个）2023年度发展\n"
    "情况进行了综合考核评价，结果已经联席会议审议通过，现将有关情况通报如下。\n"
    "  一、考核结果\n"
    "  青溪高新区以95.2分连续三年位居全省榜首，白沙经开区由上年度的第6位升\n"
    "至第2位；省级开发区方面，东林经济开发区位居省级开发区首位，比上年前移\n"
    "5位。全省开发区实现规模以上工业总产值2.16万亿元，同比增长8.7%，占全省\n"
    "的比重达到68.2%。\n"
)


def test_breaks_inside_sentences_are_soft_and_block_openings_are_not():
    breaks = soft_breaks(WRAPPED)
    lines_ending_soft = {WRAPPED[:start].rsplit("\n", 1)[-1][-4:] for start, _ in breaks}
    assert lines_ending_soft == {"室对全省", "年度发展", "第6位升", "上年前移", "，占全省"}
    joined = unwrap(WRAPPED).text
    assert "对全省86个省级以上开发区" in joined
    assert "\n  一、考核结果\n" in joined
    assert joined.startswith("青省开发区年度考核结果通报\n")


def test_a_web_article_with_ragged_lines_is_left_as_it_is():
    text = ("园区经济稳中向好\n上半年，园区实现地区生产总值356亿元，同比增长6.2%。\n"
            "规上工业增加值增长8.1%，高于全市2.3个百分点\n固定资产投资增长12.5%。\n")
    assert soft_breaks(text) == []
    assert unwrap(text).text == text


def test_offsets_map_back_onto_the_original_text_with_crlf():
    text = WRAPPED.replace("\n", "\r\n")
    doc = extract(text, "2024-03-01")
    assert doc.records
    for record in doc.records:
        assert text[record.start:record.end] == record.text
    for fact in doc.facts:
        for span in (fact.subject, fact.metric):
            if span is not None and span.start is not None:
                assert 0 <= span.start < span.end <= len(text)
    assert [r.model_dump() for r in records_of(text, "2024-03-01")] == [r.model_dump() for r in doc.records]


def test_a_group_stated_across_a_wrap_sizes_the_places():
    doc = extract(WRAPPED, "2024-03-01")
    ranks = {(r.text, r.value.out_of) for r in doc.records if r.type == "ranking"}
    assert ("榜首", 86) in ranks
    assert ("第2位", 86) in ranks
    assert ("首位", 72) in ranks
    spanning = [r for r in doc.records if "\n" in r.text]
    assert all(WRAPPED[r.start:r.end] == r.text for r in spanning)


def test_a_firm_named_across_a_wrap_keeps_the_break_in_its_name():
    text = (
        "青溪高新区2024年度发展报告\n"
        "  园区航空产业链加快成形，青溪回天新材料股份有限公司、白沙超卓航空科技股份有限公司、青\n"
        "溪航宇精密制造有限公司等一批骨干企业产能持续释放，全年实现产值约128亿元，同比增长\n"
        "15.6%，占园区规上工业总产值的比重达到21.3%，较上年提高2.4个百分点，带动作用明显。\n"
    )
    assert soft_breaks(text)
    firms = [r for r in extract(text, "2024-12-31").records if r.type == "company"]
    wrapped = [r for r in firms if "\n" in r.text]
    assert [r.text for r in wrapped] == ["青\n溪航宇精密制造有限公司"]
    assert all(r.value.name == r.text == text[r.start:r.end] for r in firms)
