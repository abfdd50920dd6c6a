"""Demo 简报: last month's bulletin as the officer edited and exported it, so the 简报导出
view opens on a history, and this month's is drafted fresh from the figures."""

import random
from datetime import date

from sqlite_utils import Database

from jimo_desktop.domain.progress import cumulative_label, previous_period
from jimo_desktop.reports.bulletin import draft_monthly
from jimo_desktop.store.papers import briefings
from jimo_desktop.store.papers.briefing_facts import latest_period, monthly_facts

OFFICER_ADDITION = (
    "五是强化督查通报。对连续两个月落后时序进度的项目，由区领导带队现场督导，督导结果纳入年度考核。"
)


def fill(db: Database, rng: random.Random, today: date) -> None:
    """Needs the monthly progress of the demo: call after it is filled."""
    period = previous_period(latest_period(db))
    if period[:4] != str(today.year):
        return
    draft = draft_monthly(monthly_facts(db, period))
    steps = draft.section("next_steps")
    if steps is not None:
        steps.paragraphs.append(OFFICER_ADDITION)
    briefing_id = briefings.save(db, draft)
    name = f"{draft.period[:4]}年{cumulative_label(period)}重点项目建设通报.pdf"
    briefings.mark_exported(db, briefing_id, name)
