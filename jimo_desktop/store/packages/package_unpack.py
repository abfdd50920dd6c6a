"""A package's zip, read as hostile: the manifest checked, every entry named by a fixed
pattern, capped in size, hashed, and unpacked into the private folder it is given.

`entry_path` is the only way a name read from a package becomes a path, and `original_name`
the only way a photo row's checksum and extension become a file name: data.sqlite3, or
originals/<64 lowercase hex digits><one of the photo suffixes>. Anything else (a separator of
either kind, a drive letter, "..", another shape) is refused, whatever the operating system.
"""

import hashlib
import json
import re
import shutil
import zipfile
import zlib
from pathlib import Path

from jimo_desktop.store.packages.package_tables import PackageError
from jimo_desktop.store.safekeeping.database_identity import HOME, OWN
from jimo_desktop.store.site_visits.photos import PHOTO_SUFFIXES

FORMAT = "jimo-field-package"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATA = "data.sqlite3"
ORIGINALS = "originals"
OFFICE, FIELD = "office", "field"
MANIFEST_CAP = 16 << 20
DATA_CAP = 4 << 30  # ten thousand downsized photos are about 2 GB
ORIGINAL_CAP = 256 << 20  # far above a camera's JPEG or TIFF
ENTRY_LIMIT = 100_000
_SHA256 = re.compile(r"[0-9a-f]{64}")
UUID_FORM = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_BLOCK = 1 << 20
# What zipfile raises on a damaged or hand-made archive, besides its own BadZipFile.
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    ValueError,
    NotImplementedError,
    RuntimeError,  # an encrypted entry
)


def shown(value: object, limit: int = 48) -> str:
    """A value read from a package, safe to put in a one-line message."""
    text = "".join(ch if ch.isprintable() else "?" for ch in str(value))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def original_name(sha256: object, extension: object) -> str:
    """The file name of a photo's original, from its checksum and extension, or PackageError."""
    if (
        not isinstance(sha256, str)
        or not _SHA256.fullmatch(sha256)
        or extension not in PHOTO_SUFFIXES
    ):
        raise PackageError(
            f"外业包中照片的校验值或扩展名不合规（{shown(sha256)} {shown(extension)}），"
            "可能被改动过"
        )
    return f"{sha256}{extension}"


def entry_path(folder: Path, name: object) -> Path:
    """Where the entry `name` unpacks to inside `folder`; PackageError for any other name."""
    if name == DATA:
        return folder / DATA
    prefix = f"{ORIGINALS}/"
    if isinstance(name, str) and name.startswith(prefix):
        sha256, dot, suffix = name.removeprefix(prefix).partition(".")
        try:
            return folder / ORIGINALS / original_name(sha256, dot + suffix)
        except PackageError:
            pass
    raise PackageError(f"外业包含有不合规的文件名：{shown(name)}")


def entry_cap(name: str) -> int:
    return DATA_CAP if name == DATA else ORIGINAL_CAP


def unpack(path: Path, folder: Path) -> dict:
    """Check the package at `path` whole and unpack it into `folder`; returns its manifest."""
    try:
        archive = zipfile.ZipFile(path)
    except FileNotFoundError as error:
        raise PackageError(f"找不到外业包 {path}") from error
    except _ZIP_ERRORS as error:
        raise PackageError(f"{path.name} 不是完整的外业包：文件已损坏或不完整") from error
    try:
        with archive:
            manifest = _checked_manifest(archive, path.name)
            _check_entries(archive, manifest["files"], path.name)
            _check_room(folder, manifest["files"])
            (folder / ORIGINALS).mkdir()
            for name, facts in manifest["files"].items():
                _unpack_entry(archive, name, facts, folder)
    except _ZIP_ERRORS as error:
        raise PackageError(f"{path.name} 不是完整的外业包：文件已损坏或被改动过") from error
    return manifest


def _checked_manifest(archive: zipfile.ZipFile, file_name: str) -> dict:
    try:
        info = archive.getinfo(MANIFEST)
    except KeyError as error:
        raise PackageError(f"{file_name} 不是外业包：缺少清单") from error
    if info.file_size > MANIFEST_CAP:
        raise PackageError(f"{file_name} 的清单过大，不是本程序导出的外业包")
    try:
        with archive.open(info) as source:
            manifest = json.loads(source.read(MANIFEST_CAP + 1))
    except (*_ZIP_ERRORS, RecursionError) as error:
        raise PackageError(f"{file_name} 不是外业包：清单无法读取") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise PackageError(f"{file_name} 不是本程序的外业包")
    version = manifest.get("format_version")
    if version != FORMAT_VERSION:
        raise PackageError(
            f"{file_name} 的格式版本为 {shown(version)}，本程序只能读取第 {FORMAT_VERSION} 版；"
            "请用相同版本的程序导出"
        )
    files = manifest.get("files")
    if (
        manifest.get("origin") not in (OFFICE, FIELD)
        or not isinstance(manifest.get("package_id"), str)
        or not isinstance(files, dict)
        or DATA not in files
        or not all(_is_identity(manifest.get(key)) for key in (OWN, HOME))
    ):
        raise PackageError(f"{file_name} 的清单不完整")
    if len(files) > ENTRY_LIMIT:
        raise PackageError(f"{file_name} 含有的文件过多（{len(files)} 个），不是本程序导出的外业包")
    for name, facts in files.items():
        _check_facts(name, facts, file_name)
    return manifest


def _is_identity(value: object) -> bool:
    return value is None or (isinstance(value, str) and UUID_FORM.fullmatch(value) is not None)


def _check_facts(name: str, facts: object, file_name: str) -> None:
    entry_path(Path(), name)
    sha256 = facts.get("sha256") if isinstance(facts, dict) else None
    size = facts.get("size") if isinstance(facts, dict) else None
    if not isinstance(sha256, str) or not _SHA256.fullmatch(sha256) or type(size) is not int:
        raise PackageError(f"{file_name} 的清单不完整：{shown(name)} 缺少校验值或大小")
    if not 0 <= size <= entry_cap(name):
        raise PackageError(f"外业包中的 {shown(name)} 过大（清单记为 {size:,} 字节）")
    if name != DATA and not name.removeprefix(f"{ORIGINALS}/").startswith(sha256):
        raise PackageError(f"外业包中的照片原件 {shown(name)} 与其校验值不符，可能被改动过")


def _check_entries(archive: zipfile.ZipFile, listed: dict, file_name: str) -> None:
    names = archive.namelist()
    if len(names) != len(set(names)) or set(names) - {MANIFEST} != set(listed):
        raise PackageError(f"{file_name} 的内容与清单不符，可能被改动过")
    for info in archive.infolist():
        if info.filename != MANIFEST and info.file_size > entry_cap(info.filename):
            raise PackageError(f"外业包中的 {shown(info.filename)} 过大（{info.file_size:,} 字节）")


def _check_room(folder: Path, listed: dict) -> None:
    needed = sum(facts["size"] for facts in listed.values())
    free = shutil.disk_usage(folder).free
    if needed > free:
        raise PackageError(
            f"磁盘空间不足：解开外业包需要 {needed / 1e6:,.0f} MB，"
            f"{folder.parent} 只剩 {free / 1e6:,.0f} MB"
        )


def _unpack_entry(archive: zipfile.ZipFile, name: str, facts: dict, folder: Path) -> None:
    """Copy one entry, never more bytes than the manifest records, and compare its checksum."""
    target = entry_path(folder, name)
    digest, written, limit = hashlib.sha256(), 0, facts["size"]
    with archive.open(name) as source, target.open("xb") as copy:
        while block := source.read(_BLOCK):
            written += len(block)
            if written > limit:
                break
            digest.update(block)
            copy.write(block)
    if written != limit or digest.hexdigest() != facts["sha256"]:
        raise PackageError(f"外业包校验失败：{name} 与清单记录的校验值不符，可能被改动过")
