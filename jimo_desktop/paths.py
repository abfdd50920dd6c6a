"""Where the program's own files and the officer's data live.

The one place that knows whether we run from a source checkout or from a frozen
PyInstaller build; the spec copies ui/, resources/ and db/ to the same relative places.
"""

import os
import sys
from pathlib import Path

from platformdirs import user_data_path

APP_NAME = "JimoProjectDesk"
APP_AUTHOR = "JimoDRB"
# Names the data folder outright, on every system. platformdirs follows XDG_DATA_HOME only on
# Linux; on Windows it asks the shell for %LOCALAPPDATA%, so tests and portable installs that
# must stay out of the officer's real folder set this instead.
DATA_DIR_VARIABLE = "JIMO_DESKTOP_DATA_DIR"


def app_root() -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root)
    return Path(__file__).resolve().parent.parent


def ui_dir() -> Path:
    return app_root() / "ui"


def resources_dir() -> Path:
    return app_root() / "resources"


def migrations_dir() -> Path:
    return app_root() / "db"


def fonts_bundle_dir() -> Path:
    return resources_dir() / "fonts"


def user_data_dir() -> Path:
    chosen = os.environ.get(DATA_DIR_VARIABLE)
    if chosen:
        folder = Path(chosen)
        folder.mkdir(parents=True, exist_ok=True)
        return folder
    return user_data_path(APP_NAME, APP_AUTHOR, ensure_exists=True)


def default_database_path() -> Path:
    return user_data_dir() / "jimo.sqlite3"


def backups_dir_for(database: Path) -> Path:
    return database.parent / "backups"


def package_work_dir_for(database: Path) -> Path:
    """Where field packages are unpacked while they are checked and merged: beside the data."""
    return database.parent / "package-work"
