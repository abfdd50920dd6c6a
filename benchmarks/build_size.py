"""Size of the built program folder (goal: under 150 MB), and an estimate for Windows.

The Linux folder (build/build-linux.sh) is measured and split by component. A Windows
folder cannot be built here, so it is estimated from parts, each labelled in the output:
- the Qt, numpy, matplotlib, Pillow ... binaries are the files of the win_amd64 wheels that
  uv.lock pins for the installed versions, kept by the spec's own rules (build/trim.py):
  extension modules the Linux build carries, the plugins the rules keep, and the DLLs these
  link (read with objdump);
- data files, the bytecode archive and the bootloader are taken from the Linux folder (the
  same files on both, give or take the bootloader);
- Python's own runtime (python311.dll, the stdlib's .pyd and the libraries they link,
  base_library.zip) is not on PyPI: its Linux size stands in for it.
The wheels are downloaded once, checked against uv.lock's hashes, into --wheels (outside
the checkout).

    uv run python benchmarks/build_size.py [--folder dist/jimo-desktop] [--wheels DIR]
"""

import argparse
import hashlib
import importlib.metadata
import importlib.util
import re
import subprocess
import sys
import tempfile
import tomllib
import urllib.request
import zipfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from packaging.tags import compatible_tags, cpython_tags
from packaging.utils import parse_wheel_filename

ROOT = Path(__file__).resolve().parent.parent
GOAL_MB = 150
MB = 1024 * 1024
PROGRAM = "程序（引导程序与字节码归档）"
PYTHON = "Python 运行库"
WINDOWS_TAGS = list(cpython_tags((3, 11), platforms=["win_amd64"])) + list(
    compatible_tags((3, 11), platforms=["win_amd64"])
)
LINUX_EXTENSION_SUFFIXES = (".cpython-311-x86_64-linux-gnu.so", ".abi3.so")
# Top-level entries of the program folder that belong to one component; the rest of a
# package folder counts as "other packages".
COMPONENTS = (
    ("PySide6/Qt/lib/libicu", "ICU（Linux 的 Qt 链接）"),
    ("PySide6/Qt/lib/", "Qt 库"),
    ("PySide6/Qt6", "Qt 库"),
    ("PySide6/Qt/plugins/", "Qt 插件与翻译"),
    ("PySide6/plugins/", "Qt 插件与翻译"),
    ("PySide6/Qt/translations/", "Qt 插件与翻译"),
    ("PySide6/translations/", "Qt 插件与翻译"),
    ("PySide6/", "PySide6 与 shiboken6 绑定"),
    ("shiboken6/", "PySide6 与 shiboken6 绑定"),
    ("numpy.libs/", "OpenBLAS（numpy.libs）"),
    ("numpy/", "numpy"),
    ("matplotlib/", "matplotlib"),
    ("PIL/", "Pillow"),
    ("pillow.libs/", "Pillow"),
)


def load_trim_rules():
    """The rules pyinstaller.spec applies, from the one file that holds them."""
    spec = importlib.util.spec_from_file_location("trim", ROOT / "build" / "trim.py")
    rules = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(rules)
    return rules


def imports_of(path: str) -> list[str]:
    """Libraries a binary links: NEEDED of an ELF file, DLL Name of a PE file."""
    dump = subprocess.run(["objdump", "-p", path], capture_output=True, text=True).stdout
    return re.findall(r"^\s*(?:NEEDED|DLL Name:)\s+(\S+)", dump, re.MULTILINE)


def is_binary(path: Path) -> bool:
    with path.open("rb") as file:
        head = file.read(4)
    return head == b"\x7fELF" or head[:2] == b"MZ"


def module_key(relative: str) -> str:
    """numpy/_core/_multiarray_umath.cpython-311-x86_64-linux-gnu.so and ...cp311-win_amd64.pyd
    (or PySide6/QtCore.abi3.so and PySide6/QtCore.pyd) are one module."""
    path = PurePosixPath(relative)
    return f"{path.parent}/{path.name.split('.', 1)[0]}".lower()


def component(relative: str) -> str:
    for prefix, name in COMPONENTS:
        if relative.startswith(prefix):
            return name
    return "其他包与数据"


@dataclass
class LinuxFolder:
    """The built folder: every file under _internal/ by its path there, and the program."""

    internal: dict[str, Path]
    program: Path

    @classmethod
    def read(cls, folder: Path) -> "LinuxFolder":
        internal = folder / "_internal"
        files = {
            path.relative_to(internal).as_posix(): path
            for path in internal.rglob("*")
            if path.is_file() and not path.is_symlink()
        }
        return cls(files, folder / folder.name)

    def python_runtime(self) -> set[str]:
        """libpython, the stdlib's extension modules, the libraries they link and the stdlib's
        bytecode that the bootloader unpacks first (base_library.zip)."""
        top_level = {name: name for name in self.internal if "/" not in name}
        runtime = {
            name
            for name in self.internal
            if name.startswith(("libpython", "python3")) and is_binary(self.internal[name])
        }
        pending = list(runtime)
        runtime.add("base_library.zip")
        while pending:
            for needed in imports_of(str(self.internal[pending.pop()])):
                if needed in top_level and needed not in runtime:
                    runtime.add(needed)
                    pending.append(needed)
        return runtime

    def components(self) -> Counter:
        runtime = self.python_runtime()
        sizes = Counter({PROGRAM: self.program.stat().st_size})
        for name, path in self.internal.items():
            if name in runtime:
                key = PYTHON
            elif "/" not in name and is_binary(path):
                key = "Linux 系统库（X11、xcb、glib、dbus、fontconfig、libstdc++ 等）"
            else:
                key = component(name)
            sizes[key] += path.stat().st_size
        return sizes


def runtime_wheels(lock_path: Path) -> list[dict]:
    """For each package the program depends on, as installed: its win_amd64 wheel in uv.lock.
    Pure-Python packages are left out: their bytecode is in the archive, the same on both."""
    packages = tomllib.loads(lock_path.read_text(encoding="utf-8"))["package"]
    by_name: dict[str, list[dict]] = {}
    for package in packages:
        by_name.setdefault(package["name"], []).append(package)
    project = next(p for p in packages if p.get("source", {}).get("editable") == ".")
    pending, seen, chosen = [d["name"] for d in project["dependencies"]], set(), []
    while pending:
        name = pending.pop()
        if name in seen:
            continue
        seen.add(name)
        try:
            installed = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            continue  # a dependency of another platform only (colorama): pure Python
        package = next(p for p in by_name[name] if p["version"] == installed)
        pending += [d["name"] for d in package.get("dependencies", [])]
        wheel = windows_wheel(package.get("wheels", []))
        if wheel:
            chosen.append(wheel)
    return chosen


def windows_wheel(wheels: Iterable[dict]) -> dict | None:
    best = None
    for wheel in wheels:
        filename = wheel["url"].rsplit("/", 1)[-1]
        tags = parse_wheel_filename(filename)[3]
        rank = min((WINDOWS_TAGS.index(tag) for tag in tags if tag in WINDOWS_TAGS), default=None)
        pure = filename.endswith("-none-any.whl")
        if rank is not None and not pure and (best is None or rank < best[0]):
            best = (rank, {**wheel, "filename": filename})
    return best[1] if best else None


def download(wheel: dict, folder: Path) -> Path:
    target = folder / wheel["filename"]
    algorithm, digest = wheel["hash"].split(":", 1)
    if not (target.exists() and hashlib.new(algorithm, target.read_bytes()).hexdigest() == digest):
        print(f"下载 {wheel['filename']}（{wheel['size'] / MB:.1f} MB）", file=sys.stderr)
        with urllib.request.urlopen(wheel["url"]) as response:
            data = response.read()
        if hashlib.new(algorithm, data).hexdigest() != digest:
            raise SystemExit(f"{wheel['filename']}：校验值与 uv.lock 不符")
        target.write_bytes(data)
    return target


def windows_binaries(wheels: list[Path], linux: LinuxFolder, unpacked: Path, trim) -> Counter:
    """The wheels' .pyd and .dll the Windows build would keep, by component."""
    linux_extensions = {
        module_key(name) for name in linux.internal if name.endswith(LINUX_EXTENSION_SUFFIXES)
    }
    entries, sizes = [], {}
    for wheel in wheels:
        with zipfile.ZipFile(wheel) as archive:
            for member in archive.infolist():
                name = member.filename
                lowered = name.lower()
                if lowered.endswith(".pyd") and module_key(name) in linux_extensions:
                    kind = "EXTENSION"
                elif lowered.endswith(".dll"):
                    kind = "BINARY"
                else:
                    continue
                source = str(archive.extract(member, unpacked))
                entries.append((name.replace("/", "\\"), source, kind))
                sizes[source] = member.file_size
    kept = trim.without_orphans([e for e in entries if trim.kept(e[0])], imports_of)
    result = Counter()
    for dest, source, _ in kept:
        result[component(dest.replace("\\", "/"))] += sizes[source]
    return result


def show(title: str, sizes: Counter) -> None:
    total = sum(sizes.values())
    verdict = "达到" if total < GOAL_MB * MB else "未达到"
    print(f"{title}：{total / MB:.1f} MB（目标 < {GOAL_MB} MB，{verdict}）")
    for name, size in sizes.most_common():
        print(f"  {size / MB:7.1f} MB  {name}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=ROOT / "dist" / "jimo-desktop")
    parser.add_argument(
        "--wheels",
        type=Path,
        default=Path(tempfile.gettempdir()) / "jimo-desktop-windows-wheels",
        help="where the Windows wheels are downloaded (kept for the next run)",
    )
    args = parser.parse_args()
    if not (args.folder / "_internal").is_dir():
        raise SystemExit(f"没有构建的程序（{args.folder}）：先运行 build/build-linux.sh")
    linux = LinuxFolder.read(args.folder)
    linux_sizes = linux.components()
    show(f"Linux 程序文件夹 {args.folder}（实测）", linux_sizes)

    args.wheels.mkdir(parents=True, exist_ok=True)
    wheels = [download(w, args.wheels) for w in runtime_wheels(ROOT / "uv.lock")]
    trim = load_trim_rules()
    runtime = linux.python_runtime()
    with tempfile.TemporaryDirectory() as unpacked:
        windows = windows_binaries(wheels, linux, Path(unpacked), trim)
    data = sum(
        path.stat().st_size
        for name, path in linux.internal.items()
        if name not in runtime and not is_binary(path)
    )
    windows["数据文件（取 Linux 的）"] = data
    windows["程序（引导程序与字节码归档，取 Linux 的）"] = linux_sizes[PROGRAM]
    windows["Python 运行库（PyPI 上没有 Windows 版，取 Linux 的）"] = linux_sizes[PYTHON]
    show("Windows 程序文件夹（估算）", windows)
    print(f"  Windows 的二进制文件取自：{', '.join(w.name for w in wheels)}")


if __name__ == "__main__":
    main()
