"""Every Designer form in ui/ has a committed module that matches what pyside6-uic makes now."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FORMS_PACKAGE = ROOT / "jimo_desktop" / "views" / "forms"
FORMS = sorted((ROOT / "ui").glob("*.ui"))


@pytest.fixture(scope="module")
def fresh_modules(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("forms")
    compile_forms = ROOT / "scripts" / "compile-forms"
    subprocess.run([sys.executable, str(compile_forms), "--out", str(out)], check=True)
    return out


def _body(path: Path) -> list[str]:
    """The module without its first line, the header naming the form and the script."""
    return path.read_text(encoding="utf-8").splitlines()[1:]


@pytest.mark.parametrize("form", FORMS, ids=lambda form: form.name)
def test_generated_module_matches_its_form(form, fresh_modules):
    name = f"ui_{form.stem}.py"
    committed = FORMS_PACKAGE / name
    assert committed.exists(), f"{name} is missing: run scripts/compile-forms"
    assert _body(committed) == _body(fresh_modules / name), (
        f"{name} is stale: run scripts/compile-forms"
    )


def test_every_generated_module_has_a_form():
    generated = {path.name for path in FORMS_PACKAGE.glob("ui_*.py")}
    assert generated == {f"ui_{form.stem}.py" for form in FORMS}
