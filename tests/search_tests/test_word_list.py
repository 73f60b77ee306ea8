"""The search's word list keeps only the words' hashes, and still segments Thai exactly as PyThaiNLP does."""

import pytest
from pythainlp.corpus import thai_words
from pythainlp.tokenize import word_tokenize
from pythainlp.util import dict_trie

from core.segment import word_list

TEXTS = [
    "องค์การบริหารส่วนตำบลจอมทองจัดโครงการฝึกอบรมภูมิปัญญาท้องถิ่นเพื่อพัฒนาคุณภาพชีวิตของประชาชน",
    "ประกาศผลการจัดซื้อจัดจ้างก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 5 งบประมาณ 2569",
    "แผนพัฒนาสามปี (พ.ศ. 2553 - 2555) ยุทธศาสตร์การพัฒนาด้านโครงสร้างพื้นฐาน",
    "ตำนานอาหาร ขนมจีนน้ำยาป่า แกงเขียวหวาน ABC 123 อบต.",
]


def test_it_holds_every_word_of_pythainlps_list_and_nothing_else():
    words = thai_words()
    ours = word_list()
    assert len(ours) == len(words)
    assert all(word in ours for word in words)
    assert "จอมทองx" not in ours and "" not in ours


@pytest.mark.parametrize("text", TEXTS)
def test_it_segments_as_pythainlps_own_dictionary_does(text):
    theirs = word_tokenize(text, custom_dict=dict_trie(thai_words()), engine="newmm", keep_whitespace=False)
    assert word_tokenize(text, custom_dict=word_list(), engine="newmm", keep_whitespace=False) == theirs
