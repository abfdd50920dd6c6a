"""What makes a project record acceptable; each problem is named with its field."""

import re

from jimo_desktop.domain.dates import month_of
from jimo_desktop.domain.project import Project

MAX_NAME_LENGTH = 120
_PHONE = re.compile(r"^[0-9+\-\s()（）转]{7,30}$")


def validate_project(project: Project) -> dict[str, str]:
    """Field name → reason, for every field that is wrong; empty when the project may be saved."""
    problems: dict[str, str] = {}
    name = project.name.strip()
    if not name:
        problems["name"] = "请填写项目名称"
    elif len(name) > MAX_NAME_LENGTH:
        problems["name"] = f"项目名称不超过{MAX_NAME_LENGTH}个字"
    if project.unit_id is None:
        problems["unit_id"] = "请选择区位"
    if project.industry_id is None:
        problems["industry_id"] = "请选择所属产业"
    if project.total_investment is not None and project.total_investment < 0:
        problems["total_investment"] = "总投资不能为负数"
    _check_order(problems, "planned_end", project.planned_start, project.planned_end, "计划竣工")
    _check_order(problems, "actual_end", project.actual_start, project.actual_end, "实际竣工")
    if project.actual_end and not project.actual_start:
        problems["actual_start"] = "已填实际竣工，请同时填写实际开工"
    for field_name in ("builder_phone", "responsible_phone"):
        phone = getattr(project, field_name).strip()
        if phone and not _PHONE.match(phone):
            problems[field_name] = "电话应为数字，可含区号和“-”"
    if project.in_statistics and not project.actual_start:
        problems["in_statistics"] = "纳统项目应已开工，请填写实际开工"
    _check_years(problems, project)
    return problems


def _check_order(problems, field_name, start, end, what) -> None:
    if not (start and end):
        return
    # A year-month and a full date are compared by month; two full dates by day.
    both_full = len(start) == len(end) == len("2020-01-01")
    if (end < start) if both_full else (month_of(end) < month_of(start)):
        problems[field_name] = f"{what}不能早于开工"


def _check_years(problems: dict[str, str], project: Project) -> None:
    seen: set[int] = set()
    for listing in project.years:
        if not 2000 <= listing.year <= 2100:
            problems["years"] = f"年度 {listing.year} 不在 2000–2100 之间"
            return
        if listing.year in seen:
            problems["years"] = f"{listing.year} 年列了两次"
            return
        seen.add(listing.year)
        if listing.annual_plan is not None and listing.annual_plan < 0:
            problems["years"] = f"{listing.year} 年计划投资不能为负数"
            return
        total = project.total_investment
        if listing.annual_plan is not None and total is not None and listing.annual_plan > total:
            problems["years"] = f"{listing.year} 年计划投资大于总投资"
            return
