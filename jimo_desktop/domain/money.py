"""Amounts in 万元, held exactly as integer hundredths of 万元 ("cents").

Binary floats would print 0.30000000000000004; Decimal parsing and integer storage
keep every amount exactly as the officer typed it.
"""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENTS_PER_WAN = 100
WAN_PER_YI = 10_000
THRESHOLD_50M_CENTS = 5_000 * CENTS_PER_WAN  # 5000万元: the statistics threshold

# 。 is the point a Chinese input method types: "1。5亿元" is 1.5亿元.
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．。，－＋", "0123456789..,-+")
_UNIT_FACTORS = {"亿元": WAN_PER_YI, "亿": WAN_PER_YI, "万元": 1, "万": 1, "元": Decimal("0.0001")}
_AMOUNT = re.compile(r"^([-+]?\d+(?:\.\d+)?)(亿元|亿|万元|万|元)?$")


class MoneyError(ValueError):
    """Text that is not an amount; the message says what was expected."""


def parse_wan(text: str | int | float | Decimal | None, default_unit_factor=1) -> int | None:
    """Parse an amount into cents of 万元; None for a blank.

    Accepts "85,000", "２００００", "1.5亿元", "3000万"; `default_unit_factor` is the
    number of 万元 in one unit of a bare number (10000 for a column headed 亿元).
    """
    if text is None:
        return None
    if isinstance(text, bool):
        raise MoneyError("金额应为数字")
    if isinstance(text, int | float | Decimal):
        number = Decimal(str(text))
        if not number.is_finite():
            raise MoneyError(f"“{text}”不是金额")
        return _to_cents(number * Decimal(default_unit_factor))
    if not isinstance(text, str):  # a date or time in an amount's place
        raise MoneyError(f"“{text}”不是金额，应为数字（万元），如 12500 或 1.5亿元")
    cleaned = text.translate(_FULL_WIDTH).replace(",", "").replace(" ", "").strip()
    if not cleaned:
        return None
    match = _AMOUNT.match(cleaned)
    if not match:
        raise MoneyError(f"“{text}”不是金额，应为数字（万元），如 12500 或 1.5亿元")
    number, unit = match.groups()
    factor = Decimal(_UNIT_FACTORS[unit]) if unit else Decimal(default_unit_factor)
    try:
        return _to_cents(Decimal(number) * factor)
    except InvalidOperation as error:
        raise MoneyError(f"“{text}”不是金额") from error


def _to_cents(wan: Decimal) -> int:
    return int((wan * CENTS_PER_WAN).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def format_wan(cents: int | None, grouping: bool = True) -> str:
    """12345678 → "123,456.78" (万元); blank for unknown."""
    if cents is None:
        return ""
    sign = "-" if cents < 0 else ""
    whole, fraction = divmod(abs(cents), CENTS_PER_WAN)
    whole_text = f"{whole:,}" if grouping else str(whole)
    return f"{sign}{whole_text}.{fraction:02d}"


def format_yi(cents: int) -> str:
    """Amount in 亿元 with two decimals, as bulletins and status lines speak of totals."""
    yi = Decimal(cents) / (CENTS_PER_WAN * WAN_PER_YI)
    return f"{yi.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):,}"
