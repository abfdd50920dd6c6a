"""What the 时间表 paints: a planned date hollow, a date reached filled, anything late red,
today's line, on screen (stamped marks) and on paper (shapes) alike."""

from datetime import date

import numpy as np
import pytest
from PySide6.QtGui import QColor, QImage, QPainter

from jimo_desktop.domain.project import Project, Stage
from jimo_desktop.store import settings
from jimo_desktop.store.project_library import projects
from jimo_desktop.store.tracking import milestones, timeline_rows
from jimo_desktop.store.tracking.milestones import NodePlan
from jimo_desktop.views.timeline.arrangement import Arrangement
from jimo_desktop.views.timeline.painter import (
    AMBER,
    GREEN,
    NAVY,
    RED,
    WHITE,
    Frame,
    Style,
    paint,
)
from jimo_desktop.views.timeline.scales import Zoom

TODAY = date(2020, 6, 30)
NODES = (
    ("规划许可", "2020-03-10", None),  # late: not reached
    ("环评批复", "2020-02-10", "2020-02-05"),  # reached on time
    ("施工许可", "2020-01-10", "2020-04-20"),  # reached late
    ("主体完工", "2020-10-10", None),  # planned, not due yet
)


@pytest.fixture
def lines(qapp, db) -> Arrangement:
    settings.put(db, settings.BUSINESS_DATE, TODAY.isoformat())
    project_id = projects.save(
        db, Project(name="鳌山湾未来城综合管廊工程", unit_id=1, industry_id=1, stage=Stage.STARTED)
    ).id
    plans = [NodePlan("custom", name, planned, actual) for name, planned, actual in NODES]
    milestones.add_nodes(db, project_id, plans)
    data = timeline_rows.load(db, TODAY)
    return Arrangement(data, np.arange(len(data)))


def painted(lines: Arrangement, stamped: bool) -> tuple[QImage, Frame, Style]:
    style = Style("Sans", row_height=40, header_height=44, name_width=200, stamped=stamped)
    frame = Frame(
        width=1800,
        height=200,
        first_line=0,
        left_day=date(2019, 12, 1).toordinal(),
        pixels_per_day=Zoom.MONTH.pixels_per_day,
        zoom=Zoom.MONTH,
    )
    image = QImage(1800, 200, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    paint(painter, lines, frame, style)
    painter.end()
    return image, frame, style


def colour_at(image: QImage, frame: Frame, style: Style, iso: str, dx: float = 0) -> QColor:
    x = frame.x_of(date.fromisoformat(iso).toordinal(), style) + dx
    y = style.header_height + style.row_height / 2
    return image.pixelColor(round(x), round(y))


def near(found: QColor, wanted: QColor) -> bool:
    return all(
        abs(a - b) <= 40 for a, b in zip(found.getRgb()[:3], wanted.getRgb()[:3], strict=True)
    )


@pytest.mark.parametrize("stamped", [True, False], ids=["screen", "paper"])
def test_each_node_leaves_its_mark(lines, stamped):
    image, frame, style = painted(lines, stamped)
    size = style.row_height * 0.42
    edge = size / 2 - 1
    # Late and not reached: a hollow red diamond at its planned date.
    assert near(colour_at(image, frame, style, "2020-03-10"), WHITE)
    assert near(colour_at(image, frame, style, "2020-03-10", edge), RED)
    # Reached on time: a filled green dot where it was reached.
    assert near(colour_at(image, frame, style, "2020-02-05"), GREEN)
    # Reached late: a filled red dot where it was reached, a red line back to its plan.
    assert near(colour_at(image, frame, style, "2020-04-20"), RED)
    assert near(colour_at(image, frame, style, "2020-03-01"), RED)
    # Not due yet: a hollow navy diamond.
    assert near(colour_at(image, frame, style, "2020-10-10"), WHITE)
    assert near(colour_at(image, frame, style, "2020-10-10", edge), NAVY)


def test_todays_line_runs_through_the_rows(lines):
    image, frame, style = painted(lines, True)
    x = round(frame.x_of(TODAY.toordinal() + 0.5, style))
    below = round(style.header_height + style.row_height * 2.5)
    assert any(near(image.pixelColor(x + dx, below), AMBER) for dx in (-1, 0, 1))
