"""build/trim.py keeps what the program uses on Windows and Linux, and only that."""

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def trim():
    spec = importlib.util.spec_from_file_location("trim", ROOT / "build" / "trim.py")
    rules = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(rules)
    return rules


@pytest.mark.parametrize(
    "destination",
    [
        r"PySide6\Qt6Core.dll",
        r"PySide6\Qt6Widgets.dll",
        r"PySide6\Qt6Svg.dll",
        r"PySide6\plugins\platforms\qwindows.dll",
        r"PySide6\plugins\platforms\qoffscreen.dll",
        r"PySide6\plugins\imageformats\qjpeg.dll",
        r"PySide6\translations\qtbase_zh_CN.qm",
        r"PySide6\msvcp140.dll",
        r"matplotlib\mpl-data\fonts\ttf\DejaVuSans.ttf",
        r"matplotlib\mpl-data\matplotlibrc",
        "PySide6/Qt/lib/libQt6Gui.so.6",
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so",
        "PySide6/Qt/translations/qtbase_zh_CN.qm",
    ],
)
def test_kept(trim, destination):
    assert trim.kept(destination)


@pytest.mark.parametrize(
    "destination",
    [
        r"PySide6\opengl32sw.dll",
        r"PySide6\d3dcompiler_47.dll",
        r"PySide6\Qt6Network.dll",
        r"PySide6\Qt6Quick.dll",
        r"PySide6\Qt6VirtualKeyboard.dll",
        r"PySide6\plugins\platforms\qdirect2d.dll",
        r"PySide6\plugins\platforminputcontexts\qtvirtualkeyboardplugin.dll",
        r"PySide6\plugins\styles\qmodernwindowsstyle.dll",
        r"PySide6\plugins\imageformats\qtiff.dll",
        r"PySide6\translations\qtbase_de.qm",
        r"PySide6\translations\qt_zh_CN.qm",
        r"matplotlib\mpl-data\fonts\ttf\STIXGeneral.ttf",
        r"matplotlib\mpl-data\sample_data\goog.npz",
        "PySide6/Qt/lib/libQt6Network.so.6",
        "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
    ],
)
def test_left_out(trim, destination):
    assert not trim.kept(destination)


def test_libraries_linked_in_another_case_are_kept_and_orphans_dropped(trim):
    binaries = [
        (r"PySide6\QtCore.pyd", "QtCore.pyd", "EXTENSION"),
        (r"PySide6\Qt6Core.dll", "Qt6Core.dll", "BINARY"),
        (r"PySide6\msvcp140.dll", "msvcp140.dll", "BINARY"),
        (r"PySide6\Qt6Network.dll", "Qt6Network.dll", "BINARY"),
        ("python311.dll", "python311.dll", "BINARY"),
        ("vcruntime140.dll", "vcruntime140.dll", "BINARY"),
    ]
    links = {
        "QtCore.pyd": ["Qt6Core.dll", "python3.dll"],
        "Qt6Core.dll": ["MSVCP140.dll", "KERNEL32.dll"],
        "python311.dll": ["VCRUNTIME140.dll"],
    }
    kept = trim.without_orphans(binaries, lambda source: links.get(source, []))
    assert [source for _, source, _ in kept] == [
        "QtCore.pyd",
        "Qt6Core.dll",
        "msvcp140.dll",
        "python311.dll",
        "vcruntime140.dll",
    ]
