"""The one place that decides which font file each role uses, on screen, in charts and in PDFs.

Roles follow the official document format: a title face (方正小标宋, else 黑体), a body face
(仿宋_GB2312, else 仿宋, else 宋体), 黑体 for 一、 headings, 楷体 for （一） headings, 宋体
for page numbers, and a UI face (微软雅黑). Each role falls back along its own chain of
similar faces, then to any other Chinese face the computer has, then to a face bundled with
the build, so a missing 黑体 or 楷体 never stops the program: whoever exports learns from
substitutions() which face stood in. Windows folders are searched first, then Linux and
macOS folders, then the bundle. PDF roles take TrueType outlines only (.ttf/.ttc), because
ReportLab cannot embed CFF-based .otf files; the screen (Qt) reads those too.
"""

import os
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from jimo_desktop import paths


@dataclass(frozen=True)
class Face:
    name: str  # the name officers know the face by
    files: tuple[str, ...]


XIAOBIAOSONG = Face(
    "方正小标宋简体", ("FZXBSJW.TTF", "方正小标宋简体.ttf", "FZXiaoBiaoSong-B05S.ttf")
)
FANGSONG_GB2312 = Face("仿宋_GB2312", ("仿宋_GB2312.ttf", "FangSong_GB2312.ttf", "FS_GB2312.ttf"))
HEITI = Face("黑体", ("simhei.ttf",))
YAHEI = Face("微软雅黑", ("msyh.ttc", "msyh.ttf"))
DENGXIAN = Face("等线", ("Deng.ttf",))
FANGSONG = Face("仿宋", ("simfang.ttf",))
SONGTI = Face("宋体", ("simsun.ttc", "simsun.ttf"))
KAITI = Face("楷体", ("simkai.ttf", "楷体_GB2312.ttf", "KaiTi_GB2312.ttf"))
WQY_MICROHEI = Face("文泉驿微米黑", ("wqy-microhei.ttc",))
WQY_ZENHEI = Face("文泉驿正黑", ("wqy-zenhei.ttc",))
AR_PL_SUNG = Face("文鼎PL简报宋", ("gbsn00lp.ttf",))
AR_PL_KAI = Face("文鼎PL简中楷", ("gkai00mp.ttf",))
AR_PL_UMING = Face("文鼎PL细上海宋", ("uming.ttc",))
AR_PL_UKAI = Face("文鼎PL中楷", ("ukai.ttc",))
# The Fandol faces: TrueType versions of FandolFang, FandolHei and FandolKai are bundled in
# resources/fonts/ (scripts/bundle-fonts); TeX installations carry the CFF (.otf) originals.
FANDOL_HEI = Face("Fandol黑体", ("FandolHei-Regular.ttf", "FandolHei-Regular.otf"))
FANDOL_SONG = Face("Fandol宋体", ("FandolSong-Regular.ttf", "FandolSong-Regular.otf"))
FANDOL_FANG = Face("Fandol仿宋", ("FandolFang-Regular.ttf", "FandolFang-Regular.otf"))
FANDOL_KAI = Face("Fandol楷体", ("FandolKai-Regular.ttf", "FandolKai-Regular.otf"))

# Within a kind, the Windows faces come first, then the Fandol face of the same design,
# then the Linux faces that only resemble it: an official 黑体, 仿宋 or 楷体 role prints in
# a face of its own design wherever the bundle is.
SANS = (HEITI, YAHEI, DENGXIAN, FANDOL_HEI, WQY_MICROHEI, WQY_ZENHEI)
SERIF = (SONGTI, FANDOL_SONG, AR_PL_SUNG, AR_PL_UMING)
FANG = (FANGSONG_GB2312, FANGSONG, FANDOL_FANG)
KAI = (KAITI, FANDOL_KAI, AR_PL_KAI, AR_PL_UKAI)

# Each role's own chain, most fitting face first; every face known here follows (ALL_FACES).
CHAINS: dict[str, tuple[Face, ...]] = {
    "title": (XIAOBIAOSONG, *SANS, *SERIF),
    "body": (*FANG, *SERIF, *KAI),
    "heading": SANS,
    "kai": (*KAI, *FANG, *SERIF),
    "song": (*SERIF, *FANG),
    "ui": (YAHEI, DENGXIAN, HEITI, WQY_MICROHEI, WQY_ZENHEI, FANDOL_HEI, *SERIF),
}
ROLES = tuple(CHAINS)
ALL_FACES = tuple(dict.fromkeys(face for chain in CHAINS.values() for face in chain))
ROLE_NAMES = {
    "title": "标题",
    "body": "正文",
    "heading": "一级标题（一、）",
    "kai": "二级标题（（一））",
    "song": "页码",
    "ui": "界面",
}
SCREEN_ONLY_ROLES = frozenset({"ui"})
PDF_ROLES = tuple(role for role in ROLES if role not in SCREEN_ONLY_ROLES)
TRUETYPE_SUFFIXES = (".ttf", ".ttc")
OUTLINE_SUFFIXES = (*TRUETYPE_SUFFIXES, ".otf")
NO_FONT_MESSAGE = (
    "找不到可嵌入 PDF 的中文字体（.ttf/.ttc），无法导出。Windows 请确认 C:\\Windows\\Fonts 中有"
    "宋体、黑体或微软雅黑；Debian/Ubuntu 请安装 fonts-wqy-microhei 或 fonts-arphic-gbsn00lp。"
)


@dataclass(frozen=True)
class FontChoice:
    role: str
    face: str  # the name officers know the face by
    path: Path


@dataclass(frozen=True)
class Substitution:
    role: str
    wanted: str  # the role's first face
    used: str | None  # the face standing in, None when there is none

    def message(self) -> str:
        role = ROLE_NAMES[self.role]
        if self.used is None:
            return f"提示：{role}缺少字体（应为{self.wanted}），且没有可代替的中文字体"
        return f"提示：{role}应为{self.wanted}，本机没有，以{self.used}代替"


class FontMissingError(RuntimeError):
    """No Chinese font a PDF can embed: text would print as boxes, so nothing is drawn."""


def font_dirs() -> list[Path]:
    """System font folders, in the order they are searched; the bundle is searched last."""
    home = Path.home()
    if sys.platform == "win32":
        windows = Path(os.environ.get("WINDIR", r"C:\Windows"))
        local = Path(os.environ.get("LOCALAPPDATA", home / "AppData" / "Local"))
        return [windows / "Fonts", local / "Microsoft" / "Windows" / "Fonts"]
    if sys.platform == "darwin":
        return [Path("/Library/Fonts"), Path("/System/Library/Fonts"), home / "Library/Fonts"]
    return [
        Path("/usr/share/fonts"),
        Path("/usr/local/share/fonts"),
        home / ".local/share/fonts",
        home / ".fonts",
    ]


def _outline_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.suffix.lower() in OUTLINE_SUFFIXES)


@cache
def _available(folders: tuple[Path, ...]) -> dict[str, Path]:
    """Lower-case file name → the first file of that name in the folders' order."""
    found: dict[str, Path] = {}
    for folder in folders:
        for path in _outline_files(folder):
            found.setdefault(path.name.lower(), path)
    return found


def _fits(role: str, path: Path) -> bool:
    return role in SCREEN_ONLY_ROLES or path.suffix.lower() in TRUETYPE_SUFFIXES


def _chosen(role: str) -> FontChoice | None:
    bundle = paths.fonts_bundle_dir()
    available = _available((*font_dirs(), bundle))
    for face in dict.fromkeys((*CHAINS[role], *ALL_FACES)):
        for file_name in face.files:
            path = available.get(file_name.lower())
            if path is not None and _fits(role, path):
                return FontChoice(role, face.name, path)
    for path in _outline_files(bundle):
        if _fits(role, path):
            return FontChoice(role, path.stem, path)
    return None


def resolve(role: str) -> FontChoice:
    """The role's face; FontMissingError (a message for officers) when there is none."""
    choice = _chosen(role)
    if choice is None:
        raise FontMissingError(NO_FONT_MESSAGE)
    return choice


def resolve_all() -> dict[str, FontChoice]:
    """Every role's face, for a PDF; FontMissingError when a role has none."""
    return {role: resolve(role) for role in ROLES}


def resolve_present() -> dict[str, FontChoice]:
    """The roles that have a face, for the screen: a program without fonts still starts."""
    chosen = {role: _chosen(role) for role in ROLES}
    return {role: choice for role, choice in chosen.items() if choice is not None}


def substitutions() -> list[Substitution]:
    """The roles drawn in another face than their own, and the face standing in for each."""
    found = []
    for role in ROLES:
        wanted = CHAINS[role][0].name
        choice = _chosen(role)
        used = choice.face if choice is not None else None
        if used != wanted:
            found.append(Substitution(role, wanted, used))
    return found


def pdf_notes() -> list[str]:
    """One 提示 line for each role of a PDF drawn in a stand-in face."""
    return [found.message() for found in substitutions() if found.role in PDF_ROLES]
