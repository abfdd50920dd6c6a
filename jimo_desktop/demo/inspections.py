"""Demo site inspections with photos the demo draws itself: a building site under a sky, with a
tower crane, the camera's time stamp in the corner, and EXIF time and GPS around Jimo.
"""

import io
import random
from datetime import date, datetime, timedelta

from sqlite_utils import Database

from jimo_desktop.domain.inspections import (
    FoundProblem,
    Inspection,
    Point,
    PointNote,
    PointState,
    follow_up_after,
)
from jimo_desktop.store.site_visits import inspections, photos

JIMO = (36.39, 120.45)  # the district's centre, degrees north and east
PHOTO_SIZE = (800, 600)
INSPECTION_COUNT = 10
INSPECTORS = ("李明", "王磊", "张静", "刘洋", "陈超")
NOTES = {
    Point.LAND: ("已取得不动产权证", "土地已平整", "部分地块未完成征收"),
    Point.PLANNING: ("与规划许可一致", "规划方案已审定", "现场与方案一致"),
    Point.DEMOLITION: ("无拆迁任务", "拆迁完成", "剩余2户未签约"),
    Point.PROGRESS: ("主体施工至8层", "基础施工", "主体封顶，外墙施工", "钢结构安装"),
    Point.WORKFORCE: ("工人约120人，塔吊2台", "工人约60人，挖掘机4台", "工人约200人"),
    Point.SAFETY: ("围挡完整，防护到位", "部分脚手架防护网缺失", "扬尘防治措施落实"),
}
CAPTIONS = (
    "项目全景",
    "主体施工现场",
    "塔吊作业",
    "施工围挡",
    "基坑支护",
    "钢筋绑扎",
    "现场公示牌",
)
FOUND = (
    ("部分脚手架防护网缺失，存在安全隐患", "区住房和城乡建设局"),
    ("剩余2户未签约，影响二期开工", "属地街道办事处"),
    ("施工用电增容未完成", "国网即墨供电公司"),
)


def fill(db: Database, rng: random.Random, today: date) -> None:
    """Inspections of started projects in the weeks before `today`, each with 2–4 photos."""
    visited = db.execute(
        "SELECT id, location FROM projects WHERE deleted_at IS NULL"
        " AND stage IN ('started', 'completed') ORDER BY id LIMIT ?",
        [INSPECTION_COUNT],
    ).fetchall()
    for number, (project_id, location) in enumerate(visited):
        day = today - timedelta(days=3 + number * 5 + rng.randrange(3))
        inspection = _inspection(rng, project_id, location, day, number % 2 == 0)
        entries = [
            _photo(db, rng, day, caption) for caption in rng.sample(CAPTIONS, rng.randrange(2, 5))
        ]
        found = []
        if any(note.state is PointState.PROBLEM for note in inspection.points):
            description, unit = rng.choice(FOUND)
            deadline = (day + timedelta(days=30)).isoformat()
            found.append(
                FoundProblem(project_id, description, unit, rng.choice(INSPECTORS), deadline)
            )
        inspections.save(db, inspection, entries, found)


def _inspection(
    rng: random.Random, project_id: int, location: str, day: date, needs_follow_up: bool
) -> Inspection:
    points = []
    for point, notes in NOTES.items():
        state = rng.choices(
            (PointState.NORMAL, PointState.CONCERN, PointState.PROBLEM), weights=(8, 2, 1)
        )[0]
        points.append(PointNote(point, state, rng.choice(notes)))
    return Inspection(
        inspected_on=day.isoformat(),
        project_ids=[project_id],
        place=location,
        inspectors="、".join(rng.sample(INSPECTORS, 2)),
        follow_up_on=follow_up_after(day) if needs_follow_up else None,
        notes="",
        points=points,
    )


def _photo(db: Database, rng: random.Random, day: date, caption: str):
    taken = datetime.combine(day, datetime.min.time()) + timedelta(
        hours=rng.randrange(9, 16), minutes=rng.randrange(60), seconds=rng.randrange(60)
    )
    latitude = JIMO[0] + rng.uniform(-0.12, 0.12)
    longitude = JIMO[1] + rng.uniform(-0.15, 0.15)
    data = draw_site_photo(rng, taken, latitude, longitude)
    entry = photos.store_bytes(db, data, f"IMG_{taken:%Y%m%d_%H%M%S}.jpg")
    entry.caption = caption
    return entry


def draw_site_photo(
    rng: random.Random, taken: datetime, latitude: float, longitude: float
) -> bytes:
    """A JPEG of a building site with the EXIF a phone would write."""
    from PIL import Image, ImageDraw

    width, height = PHOTO_SIZE
    picture = Image.new("RGB", PHOTO_SIZE)
    draw = ImageDraw.Draw(picture)
    horizon = int(height * rng.uniform(0.55, 0.7))
    for y in range(horizon):
        shade = y / horizon
        draw.line([(0, y), (width, y)], fill=(90 + int(110 * shade), 150 + int(70 * shade), 225))
    draw.rectangle([0, horizon, width, height], fill=(150, 120, 85))
    _draw_building(draw, rng, horizon, width // 100)
    _draw_crane(draw, rng, horizon, width // 100)
    draw.rectangle([0, height - 55, width, height - 32], fill=(30, 90, 170))  # the site fence
    draw.text((width - 150, height - 24), f"{taken:%Y-%m-%d %H:%M}", fill=(255, 160, 0))
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=85, exif=_exif(taken, latitude, longitude))
    return buffer.getvalue()


def _draw_building(draw, rng: random.Random, horizon: int, unit: int) -> None:
    """A block of `floors` storeys with rows of windows; `unit` is a hundredth of the width."""
    left = rng.randrange(8, 38) * unit
    floors = rng.randrange(4, 12)
    storey = 3 * unit
    top = horizon - floors * storey
    draw.rectangle(
        [left, top, left + 42 * unit, horizon], fill=(175, 175, 170), outline=(90, 90, 90)
    )
    for floor in range(floors):
        for column in range(8):
            x, y = left + int((1.4 + column * 5) * unit), top + unit + floor * storey
            draw.rectangle([x, y, x + 3 * unit, y + 2 * unit], fill=(70, 85, 100))


def _draw_crane(draw, rng: random.Random, horizon: int, unit: int) -> None:
    mast = rng.randrange(62, 90) * unit
    top = horizon - rng.randrange(33, 42) * unit
    yellow = (235, 185, 20)
    draw.rectangle([mast, top, mast + 2 * unit, horizon], fill=yellow)
    draw.rectangle([mast - 26 * unit, top, mast + 12 * unit, top + unit], fill=yellow)
    hook = mast - 18 * unit
    draw.line([(hook, top + unit), (hook, top + 14 * unit)], fill=(40, 40, 40), width=2)


def _exif(taken: datetime, latitude: float, longitude: float):
    from PIL import Image

    exif = Image.Exif()
    stamp = f"{taken:%Y:%m:%d %H:%M:%S}"
    exif[0x0110] = "Demo Phone"
    exif[0x0132] = stamp
    exif.get_ifd(0x8769)[0x9003] = stamp
    exif[0x8825] = {
        1: "N",
        2: _degrees_minutes_seconds(latitude),
        3: "E",
        4: _degrees_minutes_seconds(longitude),
    }
    return exif


def _degrees_minutes_seconds(value: float) -> tuple[float, float, float]:
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    seconds = round((value - degrees - minutes / 60) * 3600, 2)
    return (float(degrees), float(minutes), seconds)
