import os

# Set before any test imports Qt: every test runs without a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
