"""时间表 drawn by Qt: the page (`page.py`), the widget that scrolls and zooms (`canvas.py`),
the painting shared by screen and paper (`painter.py`), the time axis (`scales.py`), the lines
grouped or not (`arrangement.py`), and the PDF and PNG (`export.py`). The rows come from
store/tracking/timeline_rows."""
