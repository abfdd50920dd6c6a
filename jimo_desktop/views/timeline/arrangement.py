"""The lines of the 时间表 in the order shown: the rows chosen, grouped under headings or not."""

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

import numpy as np

from jimo_desktop.store.tracking.timeline_rows import TimelineData

UNNAMED = "未填写"


class Grouping(Enum):
    NONE = "不分组"
    UNIT = "按区位分组"
    LEADER = "按挂钩领导分组"


@dataclass(frozen=True)
class Arrangement:
    """Each line is a row of `data` (entry >= 0) or the heading `headings[-1 - entry]`."""

    data: TimelineData
    entries: np.ndarray  # int64
    headings: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.entries)

    def row_at(self, line: int) -> int | None:
        """The data row on a line, None for a heading or a line past the end."""
        if not 0 <= line < len(self.entries):
            return None
        entry = int(self.entries[line])
        return entry if entry >= 0 else None

    def line_of_id(self, row_id: int) -> int | None:
        """The line showing the row with this id (a project's, or a node's)."""
        rows = np.flatnonzero(self.data.ids == row_id)
        if not len(rows):
            return None
        lines = np.flatnonzero(self.entries == rows[0])
        return int(lines[0]) if len(lines) else None

    def rows(self) -> np.ndarray:
        return self.entries[self.entries >= 0]


def arrange(
    data: TimelineData, rows: np.ndarray, grouping: Grouping, order: Sequence[str] = ()
) -> Arrangement:
    """`rows` in their order, or gathered under a heading per 区位 or 挂钩领导: groups in the
    order `order` names them, then the others by name, those without one last."""
    rows = np.asarray(rows, dtype=np.int64)
    if grouping is Grouping.NONE:
        return Arrangement(data, rows)
    names = data.units if grouping is Grouping.UNIT else data.leaders
    keys = [names[row] for row in rows.tolist()]
    ranked = {name: number for number, name in enumerate(order)}
    groups = sorted(set(keys), key=lambda name: (not name, ranked.get(name, len(ranked)), name))
    position = {name: number for number, name in enumerate(groups)}
    codes = np.fromiter((position[key] for key in keys), dtype=np.int64, count=len(keys))
    sorted_rows = rows[np.argsort(codes, kind="stable")]
    counts = np.bincount(codes, minlength=len(groups))
    pieces: list[np.ndarray] = []
    start = 0
    for number, count in enumerate(counts.tolist()):
        pieces += [np.array([-1 - number]), sorted_rows[start : start + count]]
        start += count
    headings = tuple(
        f"{name or UNNAMED}（{count}个项目）"
        for name, count in zip(groups, counts.tolist(), strict=True)
    )
    entries = np.concatenate(pieces) if pieces else rows
    return Arrangement(data, entries, headings)
