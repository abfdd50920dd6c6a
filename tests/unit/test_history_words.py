"""操作历史 speaks the officers' language: codes become their words, hashes and stored
forms never show, and the demo's history is dated as its work happened in 2020."""

import re

import pytest

from jimo_desktop.domain import audit_words
from jimo_desktop.store import history
from tests.briefing_demo import briefing_demo

# Words an officer may meet in the history: a photo's own file name, the program's Excel.
ALLOWED = re.compile(r"^(IMG_\d+(_\d+)?|Excel)$")
INTERNAL_WORD = re.compile(r"[A-Za-z_][A-Za-z_0-9]{3,}")
HASH = re.compile(r"[0-9a-f]{16,}")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    db = briefing_demo(tmp_path_factory.mktemp("history") / "demo.sqlite3", project_count=30)
    yield db
    db.conn.close()


@pytest.fixture(scope="module")
def lines(demo):
    found, _ = history.search(demo, history.HistoryFilter(), limit=1_000_000)
    return found


def test_no_line_of_the_demos_history_shows_a_code_or_a_hash(lines):
    assert {line.table for line in lines} >= {
        "projects", "milestones", "inspection_points", "photos", "work_logs", "briefings",
        "problems", "progress_reports", "listing_changes",
    }  # fmt: skip
    for line in lines:
        for text in (line.subject, line.what, line.change):
            words = [w for w in INTERNAL_WORD.findall(text) if not ALLOWED.match(w)]
            assert not words, (line.table, line.what, text)
            assert not HASH.search(text), (line.table, line.what, text)


@pytest.mark.parametrize(
    ("table", "field", "raw", "words"),
    [
        ("milestones", "kind", "start", "开工"),
        ("milestones", "kind", "construction_permit", "施工许可"),
        ("milestones", "kind", "custom", "自定义"),
        ("inspection_points", "point", "safety", "安全"),
        ("inspection_points", "state", "problem", "存在问题"),
        ("inspection_points", "state", "not_seen", "未查看"),
        ("policy_items", "state", "granted", "已落实"),
        ("briefings", "kind", "monthly", "月度通报"),
        ("work_logs", "source", "policy", "政策清单"),
        ("problems", "source", "import", "Excel导入"),
        ("inspections", "inspected_on", "2020-05-11", "2020年5月11日"),
        ("photos", "taken_at", "2020-05-11T10:50:19", "2020-05-11 10:50:19"),
        ("submissions", "submitted_at", "2020-08-03T09:12:00", "2020-08-03 09:12:00"),
        ("submissions", "period", "2020-07", "2020年7月"),
    ],
)
def test_codes_read_in_words_by_their_table(table, field, raw, words):
    assert audit_words.value_text(field, raw, {}, table) == words


def test_a_listing_change_and_a_milestone_each_read_their_own_kind():
    assert audit_words.value_text("kind", "withdraw", {}, "listing_changes") == "退出"
    assert audit_words.value_text("kind", "withdraw", {}, "milestones") == "withdraw"
    assert audit_words.value_text("kind", "start", {}, "listing_changes") == "start"


def test_a_photos_file_and_a_drafts_stored_form_are_never_shown():
    assert audit_words.change_text("file_sha256", "ab" * 32, "cd" * 32, {}, "photos") == (
        "照片已修改"
    )
    inserted = audit_words.inserted_text(
        "photos", '{"file_sha256": "' + "ab" * 32 + '", "caption": "项目全景"}', {}
    )
    assert inserted == "照片说明：项目全景"


def test_the_demos_history_is_dated_by_its_records_never_after_the_business_date(demo, lines):
    assert max(line.at for line in lines) <= "2020-06-30T23:59:59"
    raised = dict(demo.execute("SELECT id, raised_on FROM problems").fetchall())
    inserted = [line for line in lines if line.table == "problems" and line.action == "insert"]
    assert inserted
    for line in inserted:
        assert line.at[:10] == raised[line.row_id], line
    visits = dict(demo.execute("SELECT id, inspected_on FROM inspections").fetchall())
    for photo_id, visit in demo.execute("SELECT id, inspection_id FROM photos"):
        photo_lines = [line for line in lines if (line.table, line.row_id) == ("photos", photo_id)]
        assert {line.at[:10] for line in photo_lines} == {visits[visit]}


def test_the_month_the_filter_suggests_finds_that_months_work(demo):
    june, _ = history.search(demo, history.HistoryFilter(date_from="2020-06", date_to="2020-06"))
    assert len(june) > 50
    assert {line.at[:7] for line in june} == {"2020-06"}
    assert {"problems", "work_logs", "progress_reports"} <= {line.table for line in june}
