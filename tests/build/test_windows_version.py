"""The Windows version resource gets four numbers from any version string pip accepts."""

import importlib.util
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def windows_version():
    spec = importlib.util.spec_from_file_location(
        "windows_version", ROOT / "build" / "windows_version.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("1.4.0", (1, 4, 0, 0)),
        ("2", (2, 0, 0, 0)),
        ("1.4", (1, 4, 0, 0)),
        ("1.4.2.7", (1, 4, 2, 7)),
        ("1.4.2.7.9", (1, 4, 2, 7)),
        ("1.4.0rc1", (1, 4, 0, 0)),
        ("1.4.0b2", (1, 4, 0, 0)),
        ("1.4.0a1.dev3", (1, 4, 0, 0)),
        ("1.4.0.dev4", (1, 4, 0, 0)),
        ("1.4.0.post3", (1, 4, 0, 3)),
        ("1.4.0-post3", (1, 4, 0, 3)),
        ("1.4.0+office", (1, 4, 0, 0)),
        ("v1.4.0", (1, 4, 0, 0)),
    ],
)
def test_version_numbers(windows_version, text, numbers):
    assert windows_version.version_numbers(text) == numbers


@pytest.mark.parametrize("text", ["", "latest", "1.4.x", "1.70000.0"])
def test_what_windows_cannot_hold_is_refused_by_name(windows_version, text):
    with pytest.raises(ValueError, match="version"):
        windows_version.version_numbers(text)


def test_the_projects_own_version_gives_four_numbers(windows_version):
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "version"
    ]
    assert len(windows_version.version_numbers(version)) == 4
