"""Each role falls back along its own chain to the faces a computer has; nothing stops the
program for a font, and an export learns which face stood in for which role.

Font folders are faked: resolution goes by the file names Windows and Linux install."""

from pathlib import Path

import pytest

from jimo_desktop import cli, paths
from jimo_desktop.reports import figures, fonts, page_styles
from tests.briefing_demo import briefing_demo

WINDOWS_FULL = ("simhei.ttf", "simkai.ttf", "msyh.ttc", "simsun.ttc", "simfang.ttf")
REAL_COLLECTION = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")


@pytest.fixture
def computer(tmp_path, monkeypatch):
    """A computer whose only font folders are a system folder and a bundle, both empty."""
    system, bundle = tmp_path / "Fonts", tmp_path / "bundle"
    system.mkdir()
    bundle.mkdir()
    monkeypatch.setattr(fonts, "font_dirs", lambda: [system])
    monkeypatch.setattr(paths, "fonts_bundle_dir", lambda: bundle)

    def install(*names: str, folder: Path = system) -> None:
        for name in names:
            (folder / name).write_bytes(b"")

    install.system, install.bundle = system, bundle
    return install


def faces() -> dict[str, str]:
    return {role: choice.face for role, choice in fonts.resolve_present().items()}


def stand_ins() -> dict[str, str | None]:
    return {found.role: found.used for found in fonts.substitutions()}


def test_a_full_windows_uses_each_roles_own_face(computer):
    computer(*WINDOWS_FULL)
    assert faces() == {
        "title": "黑体",
        "body": "仿宋",
        "heading": "黑体",
        "kai": "楷体",
        "song": "宋体",
        "ui": "微软雅黑",
    }
    # 方正小标宋 and 仿宋_GB2312 are not part of Windows: the export says so.
    assert stand_ins() == {"title": "黑体", "body": "仿宋"}


def test_a_windows_without_simhei_and_simkai_starts_with_yahei_and_fangsong(computer):
    computer("msyh.ttc", "simsun.ttc", "simfang.ttf")
    assert faces() == {
        "title": "微软雅黑",
        "body": "仿宋",
        "heading": "微软雅黑",
        "kai": "仿宋",
        "song": "宋体",
        "ui": "微软雅黑",
    }
    assert fonts.resolve_all()["heading"].path == computer.system / "msyh.ttc"
    notes = fonts.pdf_notes()
    assert "提示：一级标题（一、）应为黑体，本机没有，以微软雅黑代替" in notes
    assert "提示：二级标题（（一））应为楷体，本机没有，以仿宋代替" in notes
    assert not [note for note in notes if "界面" in note]


def test_a_windows_with_songti_alone_prints_every_role_in_songti(computer):
    computer("simsun.ttc")
    assert set(faces().values()) == {"宋体"}
    assert set(faces()) == set(fonts.ROLES)


def test_file_names_are_matched_without_case(computer):
    computer("SIMHEI.TTF", "MSYH.TTC")
    assert faces()["heading"] == "黑体" and faces()["ui"] == "微软雅黑"


def test_a_linux_with_wenquanyi_and_arphic(computer):
    computer("wqy-microhei.ttc", "gbsn00lp.ttf", "gkai00mp.ttf")
    assert faces() == {
        "title": "文泉驿微米黑",
        "body": "文鼎PL简报宋",
        "heading": "文泉驿微米黑",
        "kai": "文鼎PL简中楷",
        "song": "文鼎PL简报宋",
        "ui": "文泉驿微米黑",
    }


def test_a_linux_with_wenquanyi_alone_prints_every_role_in_it(computer):
    computer("wqy-microhei.ttc")
    assert set(faces().values()) == {"文泉驿微米黑"} and set(faces()) == set(fonts.ROLES)


def test_fandol_faces_serve_the_screen_but_no_pdf(computer):
    """Fandol's .otf files hold CFF outlines, which ReportLab cannot embed."""
    computer("FandolHei-Regular.otf", "FandolSong-Regular.otf", "FandolKai-Regular.otf")
    assert faces() == {"ui": "Fandol黑体"}
    with pytest.raises(fonts.FontMissingError, match="找不到可嵌入 PDF 的中文字体"):
        fonts.resolve_all()


def test_fandol_beside_a_truetype_face_leaves_the_pdf_to_the_truetype_face(computer):
    computer("FandolSong-Regular.otf", "FandolHei-Regular.otf", "gbsn00lp.ttf")
    assert faces()["body"] == "文鼎PL简报宋" and faces()["heading"] == "文鼎PL简报宋"
    assert faces()["ui"] == "Fandol黑体"


def test_a_face_bundled_with_the_build_stands_in_when_the_computer_has_none(computer):
    computer("NotoSerifSC-Regular.ttf", folder=computer.bundle)
    assert set(faces().values()) == {"NotoSerifSC-Regular"} and set(faces()) == set(fonts.ROLES)


def test_a_face_of_the_computer_comes_before_an_unknown_bundled_one(computer):
    computer("NotoSerifSC-Regular.ttf", folder=computer.bundle)
    computer("simsun.ttc")
    assert set(faces().values()) == {"宋体"}


def test_a_known_face_in_the_bundle_is_known_by_its_name(computer):
    computer("simhei.ttf", folder=computer.bundle)
    assert fonts.resolve("heading") == fonts.FontChoice(
        "heading", "黑体", computer.bundle / "simhei.ttf"
    )


def test_nothing_at_all_starts_but_refuses_a_pdf_with_a_chinese_message(computer):
    assert fonts.resolve_present() == {}
    assert stand_ins() == dict.fromkeys(fonts.ROLES)
    assert all("没有可代替的中文字体" in note for note in fonts.pdf_notes())
    for role in fonts.ROLES:
        with pytest.raises(fonts.FontMissingError) as refused:
            fonts.resolve(role)
        assert "找不到可嵌入 PDF 的中文字体" in str(refused.value)


@pytest.fixture
def fresh_pdf_fonts():
    """The PDF styles resolved again under the faked computer, and again after it."""
    figures.setup()  # charts keep the real faces: their registration outlives the test
    page_styles.registered_fonts.cache_clear()
    page_styles.styles.cache_clear()
    yield
    page_styles.registered_fonts.cache_clear()
    page_styles.styles.cache_clear()


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    path = tmp_path_factory.mktemp("fonts") / "demo.sqlite3"
    briefing_demo(path, project_count=20).close()
    return path


@pytest.mark.skipif(not REAL_COLLECTION.is_file(), reason="needs fonts-wqy-microhei")
def test_the_briefing_command_prints_which_face_stood_in(
    fresh_pdf_fonts, computer, database, tmp_path, capsys
):
    for windows_name in ("msyh.ttc", "simsun.ttc"):
        (computer.system / windows_name).symlink_to(REAL_COLLECTION)
    out = tmp_path / "通报.pdf"
    assert cli.main(["briefing", str(out), "--db", str(database), "--period", "2020-06"]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert "提示：一级标题（一、）应为黑体，本机没有，以微软雅黑代替" in printed
    assert "提示：正文应为仿宋_GB2312，本机没有，以宋体代替" in printed
    assert out.read_bytes().startswith(b"%PDF-")


def test_the_briefing_command_without_any_font_exits_1_in_one_line(
    fresh_pdf_fonts, computer, database, tmp_path, capsys
):
    out = tmp_path / "通报.pdf"
    assert cli.main(["briefing", str(out), "--db", str(database), "--period", "2020-06"]) == 1
    error = capsys.readouterr().err.strip()
    assert "找不到可嵌入 PDF 的中文字体" in error and len(error.splitlines()) == 1
    assert not out.exists()
