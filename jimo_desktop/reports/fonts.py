"""The one place that decides which font file each role uses, on screen, in charts and in PDFs.

Roles follow the official document format: a title face (方正小标宋, else 黑体), a body face
(仿宋_GB2312, else 仿宋, else 宋体), 黑体 and 楷体 for headings, 宋体 for page numbers, and
a UI face (微软雅黑). Windows fonts are looked for first, then Linux and macOS folders, then
fonts bundled with the build. Only TrueType outlines (.ttf/.ttc) are listed, because
ReportLab cannot embed CFF-based .otf files.
"""

import os
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from jimo_desktop import paths

WQY_MICROHEI = ("文泉驿微米黑", ("wqy-microhei.ttc",))
AR_PL_SUNG = ("文鼎PL简报宋", ("gbsn00lp.ttf",))

CANDIDATES: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "title": (
        ("方正小标宋简体", ("FZXBSJW.TTF", "方正小标宋简体.ttf", "FZXiaoBiaoSong-B05S.ttf")),
        ("黑体", ("simhei.ttf",)),
        WQY_MICROHEI,
    ),
    "body": (
        ("仿宋_GB2312", ("仿宋_GB2312.ttf", "FangSong_GB2312.ttf", "FS_GB2312.ttf")),
        ("仿宋", ("simfang.ttf",)),
        ("宋体", ("simsun.ttc",)),
        AR_PL_SUNG,
        WQY_MICROHEI,
    ),
    "heading": (("黑体", ("simhei.ttf",)), WQY_MICROHEI),
    "kai": (("楷体", ("simkai.ttf", "楷体_GB2312.ttf")), AR_PL_SUNG, WQY_MICROHEI),
    "song": (("宋体", ("simsun.ttc",)), AR_PL_SUNG, WQY_MICROHEI),
    "ui": (
        ("微软雅黑", ("msyh.ttc", "msyh.ttf")),
        ("黑体", ("simhei.ttf",)),
        WQY_MICROHEI,
        AR_PL_SUNG,
    ),
}
ROLES = tuple(CANDIDATES)
_OUTLINE_SUFFIXES = (".ttf", ".ttc")


@dataclass(frozen=True)
class FontChoice:
    role: str
    face: str  # the name officers know the face by
    path: Path


class FontMissingError(RuntimeError):
    """No usable Chinese font: text would print as boxes, so nothing is drawn at all."""


def font_dirs() -> list[Path]:
    home = Path.home()
    if sys.platform == "win32":
        windows = Path(os.environ.get("WINDIR", r"C:\Windows"))
        local = Path(os.environ.get("LOCALAPPDATA", home / "AppData" / "Local"))
        system = [windows / "Fonts", local / "Microsoft" / "Windows" / "Fonts"]
    elif sys.platform == "darwin":
        system = [Path("/Library/Fonts"), Path("/System/Library/Fonts"), home / "Library/Fonts"]
    else:
        system = [
            Path("/usr/share/fonts"),
            Path("/usr/local/share/fonts"),
            home / ".local/share/fonts",
            home / ".fonts",
        ]
    return [*system, paths.fonts_bundle_dir()]


@cache
def _available() -> dict[str, Path]:
    """Lower-case file name → the first file of that name in font_dirs() order."""
    found: dict[str, Path] = {}
    for folder in font_dirs():
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.suffix.lower() in _OUTLINE_SUFFIXES:
                found.setdefault(path.name.lower(), path)
    return found


def resolve(role: str) -> FontChoice:
    available = _available()
    for face, file_names in CANDIDATES[role]:
        for file_name in file_names:
            path = available.get(file_name.lower())
            if path is not None:
                return FontChoice(role, face, path)
    wanted = "、".join(face for face, _ in CANDIDATES[role])
    raise FontMissingError(
        f"找不到中文字体（需要{wanted}之一）。Windows 请确认系统字体完整；"
        "Debian/Ubuntu 请安装 fonts-wqy-microhei 和 fonts-arphic-gbsn00lp。"
    )


def resolve_all() -> dict[str, FontChoice]:
    return {role: resolve(role) for role in ROLES}
