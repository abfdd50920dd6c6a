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
