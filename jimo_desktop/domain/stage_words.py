"""The one table of words tables use for a project's stage and nature, in a 项目类别 / 阶段 /
建设性质 cell, a sheet's name or a section heading, and what each means in the program.

Offices write more than the program's own words: 签约 (an agreement signed, nothing started),
前期 (approvals under way), 在建, 拟建, 新建, 续建. 签约 and 前期 are 谋划 or 储备 as the
bureau counts them, a setting (store/settings.early_stages); by default both are 储备: a
signed project or one whose approvals are under way is past being an idea and waits to start,
which is what 储备一批 lists. A word meaning nothing here is refused at its cell.
"""

from dataclasses import dataclass

from jimo_desktop.domain.project import Nature, Stage

SIGNED, PREPARING = "签约", "前期"
EARLY_CHOICES = (Stage.PLANNING, Stage.RESERVE)  # what 签约 and 前期 may be counted as


@dataclass(frozen=True)
class EarlyStages:
    """How the bureau counts 签约 and 前期 projects."""

    signed: Stage = Stage.RESERVE
    preparing: Stage = Stage.RESERVE


BY_DEFAULT = EarlyStages()


@dataclass(frozen=True)
class Meaning:
    """What a written word says: a stage, a nature, or both."""

    written: str  # the text as the cell holds it
    stage: Stage | None
    nature: Nature | None
    by_setting: bool = False  # 签约 and 前期: as 设置 says
    worth_saying: bool = True  # not a word of the program's own, written as such

    def said(self, quoted: bool = True) -> str:
        """The mapping in words, for the preview: "“签约项目”记为阶段“储备”（按…）"; without
        the quoted text when the line quotes it already."""
        parts = [f"阶段“{self.stage.label}”"] if self.stage else []
        parts += [f"建设性质“{self.nature.label}”"] if self.nature else []
        setting = "（按“设置”中签约、前期项目的归类）" if self.by_setting else ""
        written = f"“{self.written}”" if quoted else ""
        return f"{written}记为{'、'.join(parts)}{setting}"


# (words, stage, nature, names a nature): first match wins, so 新开工 comes before 开工 and
# 未开工 (not started, so in reserve) before 开工. A word that names a nature itself gives,
# in a 建设性质 column, only that nature; the others give their stage there too.
_TABLE = (
    (("谋划",), Stage.PLANNING, None, False),
    ((SIGNED,), None, None, False),
    ((PREPARING,), None, None, False),
    (("储备", "预备", "未开工", "拟开工", "待开工"), Stage.RESERVE, None, False),
    (("拟建",), Stage.RESERVE, Nature.NEW, False),
    (("新开工",), Stage.STARTED, Nature.NEW, True),
    (("在建",), Stage.STARTED, Nature.CONTINUED, False),
    (("续建",), Stage.STARTED, Nature.CONTINUED, True),
    (("竣工", "完工", "建成"), Stage.COMPLETED, None, False),
    (("投产", "运营"), Stage.PRODUCING, None, False),
    (("新建",), None, Nature.NEW, True),
    (("扩建", "改建", "技改", "改造"), None, Nature.EXPANSION, True),
    (("开工",), Stage.STARTED, None, False),
)
# The program's own words for a stage and for a nature, which need no note when read so.
_OWN_STAGES = frozenset({"谋划", "储备", "开工", "新开工", "续建", "竣工", "投产"})
_OWN_NATURES = frozenset({"新建", "续建", "扩建"})


def meaning(text: str, early: EarlyStages = BY_DEFAULT, *, nature_column: bool = False):
    """What `text` says (a Meaning), or None if it says nothing the table knows.
    `nature_column`: read from a 建设性质 cell, where a nature word gives only its nature."""
    for words, stage, nature, names_nature in _TABLE:
        word = next((word for word in words if word in text), None)
        if word is None:
            continue
        if word in (SIGNED, PREPARING):
            stage = early.signed if word == SIGNED else early.preparing
            return Meaning(text, stage, None, by_setting=True)
        if nature_column and names_nature:
            stage = None
        own = text.strip() in (_OWN_NATURES if nature_column else _OWN_STAGES)
        return Meaning(text, stage, nature, worth_saying=not own)
    return None
