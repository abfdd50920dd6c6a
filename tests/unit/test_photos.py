"""Photos: EXIF time and position read, downsized into the database, originals kept beside it."""

import functools
import io
import os
import random
from datetime import datetime
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from jimo_desktop.demo.inspections import draw_site_photo
from jimo_desktop.store.database import open_database
from jimo_desktop.store.safekeeping import location
from jimo_desktop.store.site_visits import photos

CAMERA_PHOTO = (4000, 3000)


@functools.cache
def camera_picture() -> Image.Image:
    noise = np.random.default_rng(7).integers(0, 255, (750, 1000, 3), dtype=np.uint8)
    return Image.fromarray(noise).resize(CAMERA_PHOTO, Image.Resampling.BILINEAR)


def camera_photo(exif: Image.Exif | None = None) -> bytes:
    """A 12-megapixel JPEG with fine detail, as large as a phone's (about 6 MB)."""
    buffer = io.BytesIO()
    camera_picture().save(buffer, "JPEG", quality=92, **({"exif": exif} if exif else {}))
    return buffer.getvalue()


def database_bytes(db) -> int:
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    return pages * db.execute("PRAGMA page_size").fetchone()[0]


def test_exif_time_and_gps_position_are_read_as_iso_time_and_decimal_degrees():
    data = draw_site_photo(random.Random(1), datetime(2020, 6, 28, 10, 12, 33), 36.391234, 120.45)
    prepared = photos.prepare(data, "IMG_1.jpg")
    assert prepared.taken_at == "2020-06-28T10:12:33"
    assert prepared.latitude == pytest.approx(36.391234, abs=1e-5)
    assert prepared.longitude == pytest.approx(120.45, abs=1e-5)


def test_southern_and_western_positions_are_negative():
    assert photos.gps_degrees((33.0, 51.0, 36.0), "S", 90) == pytest.approx(-33.86)
    assert photos.gps_degrees((70.0, 30.0, 0.0), b"W", 180) == pytest.approx(-70.5)


def test_nonsense_exif_gives_no_time_and_no_position():
    assert photos.exif_time("0000:00:00 00:00:00") is None
    assert photos.exif_time(None) is None
    assert photos.gps_degrees((200.0, 0.0, 0.0), "N", 90) is None
    assert photos.gps_degrees(None, "N", 90) is None


def test_a_camera_without_a_fix_writes_zeros_and_the_photo_has_no_position():
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (0.0, 0.0, 0.0), 3: "E", 4: (0.0, 0.0, 0.0)}
    prepared = photos.prepare(camera_photo(exif), "zero.jpg")
    assert (prepared.latitude, prepared.longitude) == (None, None)
    assert prepared.taken_at is None


def test_a_large_photo_is_stored_at_800_pixels_with_a_240_pixel_thumbnail():
    prepared = photos.prepare(camera_photo(), "big.jpg")
    assert (prepared.width, prepared.height) == (800, 600)
    with Image.open(io.BytesIO(prepared.thumbnail)) as thumbnail:
        assert max(thumbnail.size) == 240


def test_a_photo_taken_upright_is_stored_upright():
    exif = Image.Exif()
    exif[0x0112] = 6  # the camera was turned: rotate 90° clockwise to view
    prepared = photos.prepare(camera_photo(exif), "portrait.jpg")
    assert prepared.height > prepared.width


def test_transparent_parts_of_a_png_become_white():
    picture = Image.new("RGBA", (40, 30), (0, 0, 0, 0))
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    prepared = photos.prepare(buffer.getvalue(), "plan.png")
    with Image.open(io.BytesIO(prepared.image)) as stored:
        assert min(stored.getpixel((20, 15))) > 240


def test_a_file_that_is_not_an_image_is_refused_with_its_name(tmp_path):
    with pytest.raises(photos.PhotoError, match=r"notes\.jpg"):
        photos.prepare(b"not a picture at all", "notes.jpg")


def test_database_grows_by_the_downsized_photo_and_the_original_goes_beside_it(db, tmp_path):
    data = camera_photo()
    before = database_bytes(db)
    entry = photos.store_bytes(db, data, "IMG_0001.JPG")
    growth = database_bytes(db) - before
    assert growth < 400_000 < len(data) / 10, f"{growth} bytes for a {len(data)} byte photo"
    original = photos.original_path(db, entry.file_sha256)
    assert original.parent.parent == tmp_path / "photos"
    assert original.suffix == ".jpg"
    assert original.read_bytes() == data
    assert photos.original_bytes(db, entry.file_sha256) == data


def test_the_officer_may_keep_originals_in_the_database_instead(db, tmp_path):
    photos.set_originals_in_database(db, True)
    data = camera_photo()
    before = database_bytes(db)
    entry = photos.store_bytes(db, data, "IMG_0002.jpg")
    assert database_bytes(db) - before > len(data)
    assert not (tmp_path / "photos").exists()
    assert photos.original_bytes(db, entry.file_sha256) == data


def test_the_same_photo_added_twice_is_stored_once(db, tmp_path):
    data = draw_site_photo(random.Random(3), datetime(2020, 6, 1, 9), 36.4, 120.4)
    first = photos.store_bytes(db, data, "a.jpg")
    second = photos.store_bytes(db, data, "copy of a.jpg")
    assert first.file_sha256 == second.file_sha256
    assert db.execute("SELECT COUNT(*) FROM photo_files").fetchone()[0] == 1
    assert len(list((tmp_path / "photos").rglob("*.jpg"))) == 1


def test_an_original_changed_on_disk_is_not_taken_for_the_photo(db):
    entry = photos.store_bytes(db, camera_photo(), "IMG_0003.jpg")
    path = photos.original_path(db, entry.file_sha256)
    os.chmod(path, 0o644)
    path.write_bytes(b"edited elsewhere")
    assert photos.original_path(db, entry.file_sha256) is None
    assert photos.original_bytes(db, entry.file_sha256) is None
    assert photos.image(db, entry.file_sha256) is not None


def _site_photo(db, number: int) -> Path:
    data = draw_site_photo(random.Random(number), datetime(2020, 6, 30, 9, number), 36.4, 120.4)
    return photos.original_path(db, photos.store_bytes(db, data, f"IMG_{number}.jpg").file_sha256)


def test_a_moved_database_takes_its_photo_originals_and_the_old_ones_go_on_deletion(db, tmp_path):
    kept = [_site_photo(db, number) for number in range(3)]
    old, new = tmp_path / "jimo.sqlite3", tmp_path / "D盘" / "jimo.sqlite3"

    location.move_database(old, new)
    copies = [new.parent / "photos" / path.relative_to(tmp_path / "photos") for path in kept]
    assert [copy.read_bytes() for copy in copies] == [path.read_bytes() for path in kept]
    moved = open_database(new)
    assert all(photos.original_path(moved, path.stem) is not None for path in kept)
    moved.close()

    only_here = tmp_path / "photos" / "ab" / "not-in-the-database.jpg"
    only_here.parent.mkdir()
    only_here.write_bytes(b"a file the move did not copy")
    location.delete_database_files(old, originals_kept_beside=new)
    assert not old.exists() and not any(path.exists() for path in kept)
    assert only_here.exists()  # what the new folder lacks is never deleted
    assert all(copy.exists() for copy in copies)


def test_a_copy_that_differs_from_its_original_stops_the_move_and_leaves_nothing(
    db, tmp_path, monkeypatch
):
    kept = _site_photo(db, 1)
    new = tmp_path / "D盘" / "jimo.sqlite3"
    monkeypatch.setattr(photos.shutil, "copyfile", lambda src, dst: Path(dst).write_bytes(b"cut"))

    with pytest.raises(location.MoveError, match="照片原件"):
        location.move_database(tmp_path / "jimo.sqlite3", new)
    assert not new.exists()
    assert not (new.parent / "photos").exists()
    assert kept.is_file()
