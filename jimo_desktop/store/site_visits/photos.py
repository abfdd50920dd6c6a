"""Photos of site inspections: downsized into the database, originals beside it, EXIF read.

A photo file is stored once, named by the SHA-256 of its bytes (table photo_files): a JPEG of
at most 800 px and a 240 px thumbnail in the database, which is what the screens, packages
and reports use (a report prints photos two to a row, 75 mm wide: 800 px is 270 dpi, and a
year of photos stays near a hundred MB rather than several);
the original goes to photos/<2 hex>/<sha256><ext> in the database's folder, or into
photo_files.original when the officer keeps originals in the database. A phone's
12-megapixel photo of 3–6 MB so costs the database about 0.1–0.2 MB (benchmarks/field_package.py).
Pillow (installed with matplotlib) is imported on first use.
"""

import hashlib
import io
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

from jimo_desktop import safe_files
from jimo_desktop.domain.inspections import PhotoEntry
from jimo_desktop.store import records, settings
from jimo_desktop.store.safekeeping.backup import database_file

IMAGE_SIDE = 800
THUMBNAIL_SIDE = 240
IMAGE_QUALITY = 72
THUMBNAIL_QUALITY = 70
ORIGINALS = "photo_originals"  # setting: "database" keeps originals in the database
IN_DATABASE = "database"
PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp", ".webp")
_EXIF_IFD, _GPS_IFD = 0x8769, 0x8825
_DATETIME_ORIGINAL, _DATETIME = 0x9003, 0x0132
_GPS_LAT_REF, _GPS_LAT, _GPS_LON_REF, _GPS_LON = 1, 2, 3, 4
_ENTRY_COLUMNS = "file_sha256, caption, taken_at, latitude, longitude, original_name, ph.id"


class PhotoError(ValueError):
    """A file that cannot be taken as a photo; the message is for the officer."""


@dataclass(frozen=True)
class PreparedPhoto:
    sha256: str
    extension: str
    original_size: int
    width: int
    height: int
    thumbnail: bytes
    image: bytes
    taken_at: str | None
    latitude: float | None
    longitude: float | None


@dataclass(frozen=True)
class ProjectPhoto:
    """A photo as the project's page and its brief list it, with the inspection it was taken on."""

    entry: PhotoEntry
    inspection_id: int
    inspected_on: str
    place: str


def prepare(data: bytes, name: str) -> PreparedPhoto:
    """Downsize and read the EXIF time and position of a photo file's bytes."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as opened:
            taken_at, latitude, longitude = _exif_facts(opened.getexif())
            upright = ImageOps.exif_transpose(opened)
            picture = _rgb(upright)
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError) as error:
        raise PhotoError(f"“{name}”不是可识别的图片") from error
    image = _jpeg(picture, IMAGE_SIDE, IMAGE_QUALITY)
    with Image.open(io.BytesIO(image)) as stored:
        width, height = stored.size
    return PreparedPhoto(
        sha256=hashlib.sha256(data).hexdigest(),
        extension=Path(name).suffix.lower() or ".jpg",
        original_size=len(data),
        width=width,
        height=height,
        thumbnail=_jpeg(picture, THUMBNAIL_SIDE, THUMBNAIL_QUALITY),
        image=image,
        taken_at=taken_at,
        latitude=latitude,
        longitude=longitude,
    )


def _rgb(picture):
    """JPEG holds no transparency: a PNG's transparent parts become white, not black."""
    from PIL import Image

    if picture.mode in ("RGBA", "LA", "P"):
        picture = picture.convert("RGBA")
        flat = Image.new("RGB", picture.size, "white")
        flat.paste(picture, mask=picture.getchannel("A"))
        return flat
    return picture.convert("RGB")


def _jpeg(picture, side: int, quality: int) -> bytes:
    from PIL import ImageOps

    if max(picture.size) > side:
        picture = ImageOps.contain(picture, (side, side))
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=quality, optimize=True)
    return buffer.getvalue()


def _exif_facts(exif) -> tuple[str | None, float | None, float | None]:
    """(taken at, latitude, longitude) from EXIF, each None when absent or nonsense."""
    stamp = exif.get_ifd(_EXIF_IFD).get(_DATETIME_ORIGINAL) or exif.get(_DATETIME)
    gps = exif.get_ifd(_GPS_IFD)
    latitude = gps_degrees(gps.get(_GPS_LAT), gps.get(_GPS_LAT_REF), 90)
    longitude = gps_degrees(gps.get(_GPS_LON), gps.get(_GPS_LON_REF), 180)
    if latitude is None or longitude is None or (latitude, longitude) == (0.0, 0.0):
        # Cameras without a fix write zeros; a position needs both halves.
        latitude = longitude = None
    return exif_time(stamp), latitude, longitude


def exif_time(text: object) -> str | None:
    """ "2020:06:28 10:12:33" (EXIF's form) → "2020-06-28T10:12:33"."""
    if not isinstance(text, str):
        return None
    try:
        taken = datetime.strptime(text.strip().rstrip("\x00"), "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None
    return taken.isoformat()


def gps_degrees(parts: object, reference: object, limit: int) -> float | None:
    """Degrees, minutes, seconds and N/S/E/W → signed decimal degrees, 6 decimals (≈ 0.1 m)."""
    try:
        degrees, minutes, seconds = (float(part) for part in parts)
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    value = degrees + minutes / 60 + seconds / 3600
    if isinstance(reference, bytes):
        reference = reference.decode("ascii", "replace")
    if str(reference).strip().upper() in ("S", "W"):
        value = -value
    return round(value, 6) if abs(value) <= limit else None


def store_file(db: Database, path: Path) -> PhotoEntry:
    """Take a photo file the officer chose: stored once, the original kept as the setting says."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise PhotoError(f"无法读取照片 {path.name}：{error.strerror or error}") from error
    return store_bytes(db, data, path.name)


def store_bytes(db: Database, data: bytes, name: str) -> PhotoEntry:
    prepared = prepare(data, name)
    with db.atomic():
        db.execute(
            "INSERT INTO photo_files"
            " (sha256, extension, original_size, width, height, thumbnail, image)"
            " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            [
                prepared.sha256,
                prepared.extension,
                prepared.original_size,
                prepared.width,
                prepared.height,
                prepared.thumbnail,
                prepared.image,
            ],
        )
        keep_original(db, prepared.sha256, prepared.extension, data)
    return PhotoEntry(
        file_sha256=prepared.sha256,
        taken_at=prepared.taken_at,
        latitude=prepared.latitude,
        longitude=prepared.longitude,
        original_name=name,
    )


def keep_original(db: Database, sha256: str, extension: str, data: bytes) -> None:
    """Keep the original where the setting says; a file already kept is not written again."""
    if _original_in_database(db, sha256) or original_path(db, sha256) is not None:
        return
    folder = originals_dir(db)
    if keeps_originals_in_database(db):
        db.execute("UPDATE photo_files SET original = ? WHERE sha256 = ?", [data, sha256])
        return
    target = _original_file(folder, sha256, extension)
    safe_files.make_folder(target.parent)
    safe_files.write_bytes(target, data)


def attach(db: Database, inspection_id: int, entry: PhotoEntry, sort_order: int) -> int:
    """The photo row on an inspection (audited); its file must have been stored first."""
    return records.insert(
        db,
        "photos",
        {
            "inspection_id": inspection_id,
            "file_sha256": entry.file_sha256,
            "caption": entry.caption.strip(),
            "taken_at": entry.taken_at,
            "latitude": entry.latitude,
            "longitude": entry.longitude,
            "original_name": entry.original_name,
            "sort_order": sort_order,
        },
    )


def for_inspection(db: Database, inspection_id: int) -> list[PhotoEntry]:
    rows = db.execute(
        f"SELECT {_ENTRY_COLUMNS} FROM photos ph"
        " WHERE inspection_id = ? AND deleted_at IS NULL ORDER BY sort_order, id",
        [inspection_id],
    ).fetchall()
    return [PhotoEntry(*row) for row in rows]


def for_project(db: Database, project_id: int) -> list[ProjectPhoto]:
    """Every photo of the project's inspections, the latest inspection first."""
    rows = db.execute(
        f"SELECT {_ENTRY_COLUMNS}, i.id, i.inspected_on, i.place FROM photos ph"
        " JOIN inspections i ON i.id = ph.inspection_id"
        " JOIN inspection_projects ip ON ip.inspection_id = i.id"
        " WHERE ip.project_id = ? AND ph.deleted_at IS NULL AND i.deleted_at IS NULL"
        " ORDER BY i.inspected_on DESC, i.id DESC, ph.sort_order, ph.id",
        [project_id],
    ).fetchall()
    return [ProjectPhoto(PhotoEntry(*row[:7]), *row[7:]) for row in rows]


def thumbnail(db: Database, sha256: str) -> bytes | None:
    return _blob(db, "thumbnail", sha256)


def image(db: Database, sha256: str) -> bytes | None:
    return _blob(db, "image", sha256)


def original_bytes(db: Database, sha256: str) -> bytes | None:
    """The original file's bytes, from the database or the photos folder; None when lost."""
    if _original_in_database(db, sha256):
        return _blob(db, "original", sha256)
    path = original_path(db, sha256)
    return path.read_bytes() if path is not None else None


def original_path(db: Database, sha256: str) -> Path | None:
    """The original in the photos folder, when it is there and still the same file."""
    folder = originals_dir(db)
    row = db.execute("SELECT extension FROM photo_files WHERE sha256 = ?", [sha256]).fetchone()
    if folder is None or row is None:
        return None
    path = _original_file(folder, sha256, row[0])
    if not path.is_file() or _file_hash(path) != sha256:
        return None
    return path


def originals_dir(db: Database) -> Path | None:
    """photos/ beside the database file; None for a database that has no file."""
    path = database_file(db)
    return originals_beside(path) if path is not None else None


def originals_beside(database_path: Path) -> Path:
    return Path(database_path).parent / "photos"


def copy_originals(from_database: Path, to_database: Path) -> int:
    """Copy the originals kept beside one database file to beside another (a moved database),
    each copy compared byte for byte through its hash; returns how many were copied."""
    source, target = originals_beside(from_database), originals_beside(to_database)
    if not source.is_dir() or _same_folder(source, target):
        return 0
    copied = 0
    for original in _kept_files(source):
        destination = target / original.relative_to(source)
        expected = _file_hash(original)
        if destination.is_file() and _file_hash(destination) == expected:
            continue
        safe_files.make_folder(destination.parent)
        with safe_files.replacing(destination) as partial:
            shutil.copyfile(original, partial)
            if _file_hash(partial) != expected:
                raise OSError(f"照片原件 {original.name} 复制后与原件不一致")
        copied += 1
    return copied


def remove_copied_originals(beside: Path, kept_beside: Path) -> None:
    """Delete the originals beside one database file that the other has, the same to the byte
    (after a move, or to undo a move's copy); what only this folder has stays."""
    folder, kept = originals_beside(beside), originals_beside(kept_beside)
    if not folder.is_dir() or _same_folder(folder, kept):
        return
    for original in _kept_files(folder):
        twin = kept / original.relative_to(folder)
        if twin.is_file() and _file_hash(twin) == _file_hash(original):
            original.unlink()
    for subfolder in sorted(folder.iterdir(), reverse=True):
        if subfolder.is_dir() and not any(subfolder.iterdir()):
            subfolder.rmdir()
    if not any(folder.iterdir()):
        folder.rmdir()


def _kept_files(folder: Path) -> list[Path]:
    """The originals in a photos/ folder (not a write that was cut off)."""
    return sorted(path for path in folder.glob("*/*") if safe_files.PARTIAL_SUFFIX not in path.name)


def _same_folder(one: Path, other: Path) -> bool:
    return one.resolve() == other.resolve()


def _file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def keeps_originals_in_database(db: Database) -> bool:
    return originals_must_stay_in_database(db) or settings.get(db, ORIGINALS) == IN_DATABASE


def originals_must_stay_in_database(db: Database) -> bool:
    """A database with no file beside it (the office database, an in-memory one) keeps every
    original in itself: there is no photos/ folder for the officer to choose."""
    return originals_dir(db) is None


def set_originals_in_database(db: Database, in_database: bool) -> None:
    """Applies to photos added from now on; originals already kept stay where they are."""
    settings.put(db, ORIGINALS, IN_DATABASE if in_database else None)


def _original_file(folder: Path, sha256: str, extension: str) -> Path:
    return folder / sha256[:2] / f"{sha256}{extension}"


def _original_in_database(db: Database, sha256: str) -> bool:
    row = db.execute(
        "SELECT original IS NOT NULL FROM photo_files WHERE sha256 = ?", [sha256]
    ).fetchone()
    return bool(row and row[0])


def _blob(db: Database, column: str, sha256: str) -> bytes | None:
    row = db.execute(f"SELECT {column} FROM photo_files WHERE sha256 = ?", [sha256]).fetchone()
    return row[0] if row else None
