"""Which of the files PyInstaller gathers the program folder keeps.

pyinstaller.spec applies these rules to its Analysis; benchmarks/build_size.py applies the
same rules to the Windows wheels to estimate the Windows folder. Destinations are paths
inside the folder, with / or \\ (PyInstaller writes \\ on Windows).
"""

import re
from collections.abc import Callable, Iterable
from pathlib import PurePath, PureWindowsPath

# Plugins the program needs: windows on Windows and X11 (offscreen for self-test), GL for
# X11, the input methods of X11 (Chinese is typed through IBus; Windows' IME needs no
# plugin, and its virtual keyboard plugin needs Qt Quick), icons and photos. No platform
# themes: the Fusion style draws everything, and GTK's theme would pull in GTK, cairo and
# pango. No styles either (Windows' qmodernwindowsstyle): views/theme.py sets Fusion.
KEEP_PLUGINS = re.compile(
    r"plugins/(platforms/.*(qwindows|qxcb|qoffscreen)\.|xcbglintegrations/|"
    r"imageformats/.*(qico|qjpeg|qgif)\.|platforminputcontexts/.*(compose|ibus))",
    re.IGNORECASE,
)
# matplotlib's own fonts: DejaVu Sans draws digits and Latin text; Chinese comes from
# reports/fonts.py, so the other faces and the PostScript metrics are not needed.
KEEP_MPL_FONT = re.compile(
    r"mpl-data/fonts/ttf/(DejaVuSans(-Bold)?|LastResortHE-Regular)\.ttf$", re.IGNORECASE
)
KEEP_TRANSLATION = re.compile(r"qtbase_zh_CN\.qm$", re.IGNORECASE)
# Qt libraries of modules nothing imports, by their names on Linux (libQt6Network.so.6)
# and Windows (Qt6Network.dll). Qt6Svg is not among them: matplotlib's Qt canvas needs it.
UNUSED_QT_LIBRARIES = re.compile(
    r"Qt6(Network|Qml|QmlModels|QmlMeta|QmlWorkerScript|Quick|Pdf|VirtualKeyboard"
    r"|OpenGL|Sql|Test|Designer|Help|Xml|Concurrent)\b",
    re.IGNORECASE,
)
# Windows' renderers for OpenGL and Direct3D, which PyInstaller's Qt hook adds: Qt's
# software OpenGL (20 MB) and the shader compiler (4 MB) serve Qt Quick and OpenGL widgets;
# plain widgets draw without them.
UNUSED_RENDERERS = re.compile(r"(^|/)(opengl32sw|d3dcompiler_\d+)\.dll$", re.IGNORECASE)


def _posix(destination: str) -> str:
    return PureWindowsPath(destination).as_posix()


def kept(destination: str) -> bool:
    """Whether the file PyInstaller would place at `destination` stays in the folder."""
    path = _posix(destination)
    lowered = path.lower()
    if UNUSED_RENDERERS.search(path):
        return False
    if lowered.endswith(".qm"):
        return bool(KEEP_TRANSLATION.search(path))
    if "/plugins/" in f"/{lowered}":
        return bool(KEEP_PLUGINS.search(path))
    if "mpl-data/fonts/" in lowered:
        return bool(KEEP_MPL_FONT.search(path))
    # Matplotlib's sample data serve its examples (cbook.get_sample_data), never a figure.
    if "mpl-data/sample_data/" in lowered:
        return False
    if lowered.startswith(("pyside6/qt/lib/", "pyside6/qt6")):
        return not UNUSED_QT_LIBRARIES.search(PurePath(path).name)
    return True


def without_orphans(
    binaries: Iterable[tuple[str, str, str]], imports_of: Callable[[str], Iterable[str]]
) -> list[tuple[str, str, str]]:
    """Drop shared libraries that only the left-out plugins and modules linked to.

    Roots are Python's extension modules, the kept plugins and Python's own library;
    `imports_of(source)` names the libraries a binary links. Names are compared without
    case: Windows resolves them so (python311.dll imports VCRUNTIME140.dll, which the file
    system may hold as vcruntime140.dll).
    """
    binaries = list(binaries)
    by_name = {PurePath(_posix(dest)).name.lower(): source for dest, source, _ in binaries}
    roots = [
        source
        for dest, source, kind in binaries
        if kind == "EXTENSION" or "plugins" in PurePath(_posix(dest)).parts or "python3" in dest
    ]
    reachable, pending = set(), list(roots)
    while pending:
        for name in imports_of(pending.pop()):
            key = name.lower()
            if key in by_name and key not in reachable:
                reachable.add(key)
                pending.append(by_name[key])
    return [
        entry
        for entry in binaries
        if entry[1] in roots or PurePath(_posix(entry[0])).name.lower() in reachable
    ]
