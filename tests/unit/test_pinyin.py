from jimo_desktop.domain.pinyin import name_initials


def test_initials_of_a_chinese_project_name():
    assert name_initials("海洋生物医药产业园").startswith("hyswy")
    assert name_initials("海洋生物医药产业园") == "hyswyycyy"


def test_full_width_latin_and_digits_are_kept_in_lower_case():
    assert name_initials("ＡＢＣ５Ｇ基站") == "abc5gjz"


def test_half_width_latin_and_digits_are_kept_in_lower_case():
    assert name_initials("5G基站ABC") == "5gjzabc"


def test_punctuation_and_spaces_are_dropped():
    assert name_initials("即墨古城（一期）· 保护工程") == "jmgcyqbhgc"


def test_a_polyphone_reads_as_in_its_phrase_whatever_surrounds_it():
    assert name_initials("银行行长2号") == "yhhz2h"
    assert name_initials("中国银行1号") == "zgyh1h"
    assert name_initials("中国银行2号") == "zgyh2h"


def test_characters_apart_are_not_read_as_one_phrase():
    assert name_initials("银1行") == "y1x"
