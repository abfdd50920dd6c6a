"""The program's log: a rotating file in the data folder, so an officer can send it along
when something went wrong. Qt-free, set up once at start-up.
"""

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

LOG_FILE_NAME = "jimo-desktop.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

logger = logging.getLogger("jimo_desktop")


def log_dir(data_dir: Path) -> Path:
    return Path(data_dir) / "logs"


def configure(data_dir: Path) -> Path:
    """Send the program's log records to a rotating file under `data_dir`; returns its path.

    Calling it again replaces the file handler, so tests and a moved data folder are safe.
    """
    folder = log_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_FILE_NAME
    for handler in list(logger.handlers):
        if isinstance(handler, RotatingFileHandler):
            logger.removeHandler(handler)
            handler.close()
    handler = RotatingFileHandler(
        path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter(_FORMAT))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    return path


def current_log_file() -> Path | None:
    for handler in logger.handlers:
        if isinstance(handler, RotatingFileHandler):
            return Path(handler.baseFilename)
    return None
