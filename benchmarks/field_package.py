"""Photos and field packages: what a photo costs the database, how long packages take.

Run: .venv/bin/python benchmarks/field_package.py
Prints the database growth per 12-megapixel photo (a detailed one and a smoother one), the
growth for a year of photos, and the time and size of exporting, checking and merging
packages on the 108-project demo with its inspections.
"""

import io
import random
import shutil
import tempfile
import time
from datetime import datetime
from pathlib import Path

import numpy as np
from PIL import Image, ImageFilter

from jimo_desktop.demo import inspections as demo_inspections
from jimo_desktop.demo.builder import fill_demo
from jimo_desktop.domain.inspections import Inspection
from jimo_desktop.store import settings
from jimo_desktop.store.database import open_database
from jimo_desktop.store.packages import field_package
from jimo_desktop.store.packages.package_apply import apply_merge
from jimo_desktop.store.packages.package_merge import plan_merge
from jimo_desktop.store.site_visits import inspections, photos

PHOTOS_A_YEAR = 1200  # two visits a week, a dozen photos each


def camera_photo(detail: float) -> bytes:
    """A 4000 × 3000 JPEG; `detail` 1 is noise at every pixel (the worst case), 0 is smooth."""
    rng = np.random.default_rng(1)
    noise = rng.integers(0, 255, (750, 1000, 3), dtype=np.uint8)
    picture = Image.fromarray(noise).resize((4000, 3000), Image.Resampling.BILINEAR)
    if detail < 1:
        picture = picture.filter(ImageFilter.GaussianBlur(radius=6 * (1 - detail)))
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=92)
    return buffer.getvalue()


def database_bytes(db) -> int:
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return db.execute("PRAGMA page_count").fetchone()[0] * 4096


def photo_costs(folder: Path) -> None:
    db = open_database(folder / "photos.sqlite3")
    for label, detail in (("细节极多（最坏情况）", 1.0), ("一般照片", 0.5)):
        data = camera_photo(detail)
        before = database_bytes(db)
        started = time.perf_counter()
        photos.store_bytes(db, data, f"{label}.jpg")
        took = time.perf_counter() - started
        growth = database_bytes(db) - before
        year = growth * PHOTOS_A_YEAR / 1e6
        print(
            f"照片 {label}：原图 {len(data) / 1e6:.1f} MB，数据库增长 {growth / 1e3:.0f} KB，"
            f"处理 {took * 1000:.0f} ms；一年 {PHOTOS_A_YEAR} 张约 {year:.0f} MB"
        )
    db.conn.close()


def demo_packages(folder: Path) -> Path:
    """Exports of 5 and of all 108 demo projects; returns the office database's path."""
    path = folder / "office" / "jimo.sqlite3"
    db = open_database(path)
    fill_demo(db, 108)
    demo_inspections.fill(db, random.Random(1), settings.today(db))
    for count in (5, 108):
        ids = [row[0] for row in db.execute("SELECT id FROM projects ORDER BY id LIMIT ?", [count])]
        started = time.perf_counter()
        summary = field_package.export_package(db, folder / f"p{count}.jimopkg", ids)
        took = time.perf_counter() - started
        print(
            f"导出 {count} 个项目：{took * 1000:.0f} ms，{summary.size / 1e3:.0f} KB，"
            f"督查 {summary.rows['inspections']} 次，照片 {summary.rows['photos']} 张"
        )
    db.conn.close()
    return path


def field_return(folder: Path, office_path: Path) -> None:
    """Five projects to a laptop, an inspection with four photos at each, merged back."""
    laptop_path = folder / "laptop" / "field.sqlite3"
    laptop_path.parent.mkdir()
    field_package.open_as_database(folder / "p5.jimopkg", laptop_path)
    laptop = open_database(laptop_path)
    rng = random.Random(5)
    for project_id in [row[0] for row in laptop.execute("SELECT id FROM projects")]:
        entries = []
        for number in range(4):
            taken = datetime(2020, 6, 30, 10, number)
            data = demo_inspections.draw_site_photo(rng, taken, 36.4, 120.4)
            entries.append(photos.store_bytes(laptop, data, f"IMG_{project_id}_{number}.jpg"))
        inspection = Inspection("2020-06-30", [project_id], place="现场")
        inspections.save(laptop, inspection, entries)
    back = folder / "back.jimopkg"
    field_package.export_package(laptop, back)
    laptop.conn.close()
    office = open_database(office_path)
    started = time.perf_counter()
    with field_package.opened_package(back, office_path) as opened:
        checked = time.perf_counter()
        plan = plan_merge(office, opened)
        planned = time.perf_counter()
        apply_merge(office, opened, plan, {})
    done = time.perf_counter()
    print(
        f"合并外业包（{back.stat().st_size / 1e3:.0f} KB，新增 {len(plan.additions)} 条）："
        f"校验 {1000 * (checked - started):.0f} ms，比对 {1000 * (planned - checked):.0f} ms，"
        f"写入 {1000 * (done - planned):.0f} ms"
    )
    started = time.perf_counter()
    with field_package.opened_package(back, office_path) as opened:
        again = plan_merge(office, opened)
    took = 1000 * (time.perf_counter() - started)
    print(f"再次合并同一外业包：{'无变化' if again.is_empty else '有变化！'}，{took:.0f} ms")
    office.conn.close()


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="jimo-bench-"))
    try:
        photo_costs(folder)
        field_return(folder, demo_packages(folder))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
