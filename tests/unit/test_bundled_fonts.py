"""The faces bundled in resources/fonts/ carry a computer that has only 宋体 and 微软雅黑
(a Windows without the optional Chinese supplemental fonts): the bulletin prints its 仿宋
body and 楷体 headings in the bundled Fandol faces, embedded, and says so."""

import subprocess
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from jimo_desktop import cli, paths
from jimo_desktop.reports import figures, fonts, page_styles
from tests.briefing_demo import briefing_demo

BUNDLE = Path(__file__).resolve().parents[2] / "resources" / "fonts"
BUNDLED = ("FandolFang-Regular.ttf", "FandolHei-Regular.ttf", "FandolKai-Regular.ttf")
# Real files stand in for Windows' 宋体 and 微软雅黑 under their Windows names.
SONGTI_LIKE = Path("/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf")
YAHEI_LIKE = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
PROGRAM_TEXTS = ("jimo_desktop", "ui", "db")


@pytest.fixture
def songti_and_yahei_only(tmp_path, monkeypatch):
    system = tmp_path / "Fonts"
    system.mkdir()
    for name, real in (("simsun.ttc", SONGTI_LIKE), ("msyh.ttc", YAHEI_LIKE)):
        if not real.is_file():
            pytest.skip(f"needs {real}")
        (system / name).symlink_to(real)
    monkeypatch.setattr(fonts, "font_dirs", lambda: [system])
    monkeypatch.setattr(paths, "fonts_bundle_dir", lambda: BUNDLE)
    figures.setup()
    page_styles.registered_fonts.cache_clear()
    page_styles.styles.cache_clear()
    yield system
    page_styles.registered_fonts.cache_clear()
    page_styles.styles.cache_clear()


def test_the_bundle_holds_truetype_faces_covering_the_programs_own_texts():
    used = set()
    root = BUNDLE.parents[1]
    for folder in PROGRAM_TEXTS:
        for path in (root / folder).rglob("*"):
            if path.suffix in (".py", ".ui", ".sql") and path.is_file():
                used.update(path.read_text(encoding="utf-8"))
    chinese = {c for c in used if "\u4e00" <= c <= "\u9fff"}
    assert len(chinese) > 500
    for name in BUNDLED:
        face = TTFont(BUNDLE / name)
        assert "glyf" in face and "CFF " not in face
        missing = chinese - {chr(code) for code in face.getBestCmap()}
        assert not missing, f"{name} lacks {''.join(sorted(missing))}"


def test_songti_and_yahei_alone_take_the_bundle_for_fangsong_and_kaiti(songti_and_yahei_only):
    chosen = fonts.resolve_all()
    assert {role: choice.face for role, choice in chosen.items()} == {
        "title": "微软雅黑",
        "body": "Fandol仿宋",
        "heading": "微软雅黑",
        "kai": "Fandol楷体",
        "song": "宋体",
        "ui": "微软雅黑",
    }
    assert chosen["body"].path == BUNDLE / "FandolFang-Regular.ttf"
    assert "提示：正文应为仿宋_GB2312，本机没有，以Fandol仿宋代替" in fonts.pdf_notes()


def test_a_linux_with_the_bundle_prints_official_designs_not_look_alikes(tmp_path, monkeypatch):
    system = tmp_path / "fonts"
    system.mkdir()
    for name in ("wqy-microhei.ttc", "gbsn00lp.ttf", "gkai00mp.ttf"):
        (system / name).write_bytes(b"")
    monkeypatch.setattr(fonts, "font_dirs", lambda: [system])
    monkeypatch.setattr(paths, "fonts_bundle_dir", lambda: BUNDLE)
    faces = {role: choice.face for role, choice in fonts.resolve_all().items()}
    assert faces == {
        "title": "Fandol黑体",
        "body": "Fandol仿宋",
        "heading": "Fandol黑体",
        "kai": "Fandol楷体",
        "song": "文鼎PL简报宋",
        "ui": "文泉驿微米黑",
    }


def test_the_bulletin_prints_in_the_bundled_faces_embedded(songti_and_yahei_only, tmp_path, capsys):
    database = tmp_path / "demo.sqlite3"
    briefing_demo(database, project_count=20).close()
    out = tmp_path / "通报.pdf"
    assert cli.main(["briefing", str(out), "--db", str(database), "--period", "2020-06"]) == 0
    printed = capsys.readouterr().out
    assert "以Fandol仿宋代替" in printed and "以Fandol楷体代替" in printed
    listing = subprocess.run(
        ["pdffonts", str(out)], capture_output=True, text=True, encoding="utf-8", check=True
    ).stdout.splitlines()[2:]
    embedded = {line.split()[0].split("+")[-1]: line.split()[-5] for line in listing}
    assert embedded.get("FandolFang-Regular") == "yes", listing
    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, check=True
    ).stdout.decode("utf-8")
    assert "即墨区" in text and "\ufffd" not in text
