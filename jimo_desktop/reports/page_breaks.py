"""Where a typed document may not break a page: after a heading or a caption, and between the
text's last lines and the 落款.

A heading (一、, （一）) or a table's or picture's caption keeps with what follows it: before it
goes a break that asks for room for the heading, any captions after it and the first piece of
what they introduce (two lines of text, a table's header and first rows, a whole picture).
The 落款 and the 附件 note take the last lines of the text (or the last rows of a table that
ends it) along to a new page, as Word's 版记 does, so the issuing office and date never stand
alone.
"""

from collections.abc import Sequence

from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Table

from jimo_desktop.reports.chinese_text import GridText

LEAST_LINES = 2  # a paragraph's first or last piece on a page
_FUZZ = 0.01


def keep_with_next(flowable: Flowable) -> Flowable:
    """Mark a heading or caption as one that never ends a page."""
    flowable.keeps_with_next = True
    return flowable


def keeps_with_next(flowable) -> bool:
    return getattr(flowable, "keeps_with_next", False)


def least_height(flowable: Flowable, width: float, canvas) -> float:
    """The height of the least first piece of `flowable` a page may end with."""
    own = getattr(flowable, "least_height", None)
    if own is not None:
        return own(width)
    height = flowable.wrapOn(canvas, width, 1e6)[1]
    if isinstance(flowable, GridText):
        return min(height, LEAST_LINES * flowable.style.leading)
    return height


class KeepBreak(CondPageBreak):
    """A page break unless the headings after it and the first piece of what follows them fit;
    measured when laid out, at the width of the page it lands on."""

    def __init__(self, kept: Sequence[Flowable], following: Flowable | None):
        super().__init__(0)
        self.kept, self.following = list(kept), following

    def wrap(self, availWidth, availHeight):
        needed = sum(item.wrapOn(self.canv, availWidth, 1e6)[1] for item in self.kept)
        if self.following is not None:
            needed += least_height(self.following, availWidth, self.canv)
        frame = self._doctemplateAttr("frame")
        # More than a page can hold starts at the top of a page, and goes on from there.
        self.height = min(needed, frame._aH - _FUZZ) if frame is not None else needed
        return super().wrap(availWidth, availHeight)


def with_keeps(story: list[Flowable]) -> list[Flowable]:
    """The story with a KeepBreak before each run of headings and captions."""
    result: list[Flowable] = []
    for number, flowable in enumerate(story):
        starts_run = keeps_with_next(flowable) and (
            number == 0 or not keeps_with_next(story[number - 1])
        )
        if starts_run:
            end = number
            while end < len(story) and keeps_with_next(story[end]):
                end += 1
            following = story[end] if end < len(story) else None
            result.append(KeepBreak(story[number:end], following))
        result.append(flowable)
    return result


class KeepTail(Flowable):
    """A paragraph or table whose end goes along with what follows it (the 落款): split
    across pages, it leaves at least its last LEAST_LINES lines, or its last rows, with it."""

    def __init__(self, body: GridText | Table, following: Sequence[Flowable]):
        super().__init__()
        self.body, self.following = body, list(following)
        self._heights: list[float] = []

    def wrap(self, availWidth, availHeight):
        parts = [self.body, *self.following]
        self._heights = [part.wrap(availWidth, availHeight)[1] for part in parts]
        self.width, self.height = availWidth, sum(self._heights)
        return self.width, self.height

    def least_height(self, width: float) -> float:
        whole = self.wrap(width, 1e6)[1]
        if isinstance(self.body, GridText):
            if len(self.body.lines()) < 2 * LEAST_LINES:
                return whole
            return LEAST_LINES * self.body.style.leading
        return min(whole, least_height(self.body, width, getattr(self, "canv", None)))

    def split(self, availWidth, availHeight):
        self.wrap(availWidth, availHeight)
        if self.height <= availHeight + _FUZZ:
            return [self]
        parts = self._split_body(availWidth, availHeight)
        if len(parts) != 2:
            return []  # all of it on the next page
        head, tail = parts
        return [head, KeepTail(tail, self.following)]

    def _split_body(self, width: float, height: float) -> list[Flowable]:
        if isinstance(self.body, GridText):
            leading = self.body.style.leading
            lines = len(self.body.lines())
            on_this_page = min(int((height + _FUZZ) // leading), lines - LEAST_LINES)
            if on_this_page < LEAST_LINES:
                return []
            return self.body.split(width, on_this_page * leading + _FUZZ)
        # A table that fits but for the 落款 leaves that much room free, so its last rows
        # go over with it; one longer than the page fills the page first.
        body = self._heights[0]
        room = height if body > height else height - (self.height - body)
        return self.body.splitOn(self.canv, width, room)

    def draw(self):
        top = self.height
        for part, height in zip([self.body, *self.following], self._heights, strict=True):
            top -= height
            part.drawOn(self.canv, 0, top)


def ending(last: Flowable | None, closing: Sequence[Flowable]) -> list[Flowable]:
    """The text's last flowable and the 落款 (with the 附件 note) kept together."""
    if last is None:
        return [KeepTogether(list(closing))]
    if isinstance(last, (GridText, Table)):
        return [KeepTail(last, closing)]
    return [KeepTogether([last, *closing])]
