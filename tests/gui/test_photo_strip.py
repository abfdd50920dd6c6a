"""Thumbnails keep their whole caption in view, a portrait photo's as much as a landscape's."""

import io

from PIL import Image
from PySide6.QtCore import QRect, Qt

from jimo_desktop.domain.inspections import PhotoEntry
from jimo_desktop.views.inspections.photo_strip import CELL, PhotoStrip

LONG = (
    "基坑支护及周边道路临时排水设施现场情况，东侧围挡已加固，"
    "西侧临时便道尚未硬化，雨季前须完成排水沟开挖与边坡防护"
)


def jpeg(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), "steelblue").save(out, "JPEG")
    return out.getvalue()


def test_a_long_caption_under_a_portrait_photo_is_never_cut_off(qtbot):
    images = {"portrait": jpeg(300, 800), "landscape": jpeg(800, 300)}
    strip = PhotoStrip(images.get, editable=True)
    qtbot.addWidget(strip)
    strip.photos.set_entries(
        [
            PhotoEntry("portrait", LONG * 2, "2020-06-25T13:32:00"),
            PhotoEntry("landscape", "现场公示牌", "2020-06-25T09:50:00"),
        ]
    )
    strip.resize(760, 420)
    strip.show()
    qtbot.waitExposed(strip)
    index = strip.photos.index(0)
    text = index.data()
    needed = strip.fontMetrics().boundingRect(
        QRect(0, 0, CELL.width() - 16, 10_000), Qt.TextFlag.TextWordWrap, text
    )
    icon = index.data(Qt.ItemDataRole.DecorationRole)
    assert icon.height() == 150  # a portrait thumbnail takes the full height
    assert strip.gridSize().height() >= icon.height() + needed.height()
    strip.photos.set_entries([PhotoEntry("landscape", "现场公示牌")])
    assert strip.gridSize() == CELL
