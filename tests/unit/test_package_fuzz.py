"""Spoiled field packages through the real merge-package command: no crash, no hang, no write
outside the data folder, nothing changed by a refused package (tests/unit/package_fuzz.py).

The normal run tries 60 packages; JIMO_PACKAGE_FUZZ=1000 (or scripts/package-fuzz) tries more
and prints the counts.
"""

import os

from tests.unit.package_fuzz import make_sandbox, run_fuzz

CASES = int(os.environ.get("JIMO_PACKAGE_FUZZ", "60"))


def test_spoiled_packages_are_refused_in_one_line_or_merged_and_nothing_else(tmp_path):
    sandbox = make_sandbox(tmp_path)
    report = run_fuzz(sandbox, CASES)
    print(report.summary())
    assert report.failures == []
    assert report.cases == CASES
    assert report.refused > CASES // 2, "most spoiled packages must be refused"
