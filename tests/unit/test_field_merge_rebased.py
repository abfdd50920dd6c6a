"""A record rebased on a colleague's save: the officer's changed fields on top of theirs."""

from dataclasses import dataclass

from jimo_desktop.domain.field_merge import rebased


@dataclass(frozen=True)
class Row:
    builder: str
    contact: str
    phone: str


def test_the_officers_changed_fields_win_and_the_rest_is_the_colleagues():
    opened = Row("即墨城投", "徐超洋", "155")
    theirs = Row("即墨城投集团", "徐超洋", "139")
    mine = Row("即墨城投", "王小明", "155")
    assert rebased(opened, theirs, mine) == Row("即墨城投集团", "王小明", "139")


def test_a_field_both_changed_keeps_the_officers_value_they_were_shown_beside_theirs():
    opened = Row("a", "b", "c")
    assert rebased(opened, Row("theirs", "b", "c"), Row("mine", "b", "c")).builder == "mine"
