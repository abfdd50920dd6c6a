"""The Qt layer: widgets and item models. The only package that imports PySide6."""
