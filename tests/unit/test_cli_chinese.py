"""`--help` and the usage errors speak Chinese, to the officer typing at the command line."""

import re

import pytest

from tests.unit.test_cli import run_cli

ENGLISH_WORDS = re.compile(
    r"usage|options|positional|arguments|show this|error|required|invalid|choose from"
    r"|unrecognized|expected",
    re.IGNORECASE,
)


@pytest.mark.parametrize("args", [("--help",), ("briefing", "--help"), ("import-excel", "-h")])
def test_help_has_no_english_words(tmp_path, args):
    finished = run_cli(*args, cwd=tmp_path)
    assert finished.returncode == 0
    assert finished.stdout.startswith("用法：jimo-desktop")
    assert not ENGLISH_WORDS.findall(finished.stdout), finished.stdout


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("briefing",), "缺少必需的参数：OUT.pdf"),
        (("briefing", "x.pdf", "--period", "2020-06", "--kind", "weekly"), "无效的选择：'weekly'"),
        (("no-such-command",), "无效的选择：'no-such-command'"),
        (("check", "--verbose"), "无法识别的参数：--verbose"),
        (("briefing", "x.pdf", "--period"), "参数 --period：需要一个值"),
    ],
)
def test_usage_errors_exit_2_in_chinese(tmp_path, args, said):
    finished = run_cli(*args, cwd=tmp_path)
    assert finished.returncode == 2
    assert said in finished.stderr
    assert not ENGLISH_WORDS.findall(finished.stderr), finished.stderr
