"""One way to write numbers and dates: Babel's formatters for the chosen locale, rounding half-up.

Every page, PDF, DOCX and CSV writes figures through these functions (templates through the Jinja filters
that :func:`init_formatting` registers), so Indonesian shows "72,5", "8–10 Desember 2026" and "13.45"
everywhere. Rounding is half-up on the decimal value (3.025 → "3,03"), not binary half-even.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction
from functools import lru_cache

from babel import Locale
from babel.dates import format_date as babel_date
from babel.dates import format_interval
from babel.dates import format_time as babel_time
from babel.numbers import NumberPattern, parse_pattern

DEFAULT_LOCALE = "id"
DASH = "—"  # shown for a missing value


def current_locale() -> Locale:
    """The request's locale (Flask-Babel), or Indonesian outside a request."""
    try:
        from flask_babel import get_locale

        locale = get_locale()
    except (RuntimeError, KeyError, AttributeError):  # no app or request context
        locale = None
    return locale or Locale.parse(DEFAULT_LOCALE)


def _locale(locale: str | Locale | None) -> Locale:
    return Locale.parse(locale) if locale else current_locale()


@lru_cache(maxsize=32)
def _pattern(text: str) -> NumberPattern:
    # Babel parses a format pattern on every call; a page lists hundreds of figures with the same few patterns.
    return parse_pattern(text)


def round_half_up(value: float | int | Decimal | Fraction, digits: int = 0) -> Decimal:
    """``value`` rounded half-up at ``digits`` decimals, read as the decimal it prints as (3.025 → 3.03).

    A :class:`~fractions.Fraction` is exact already (an SKM NRR of 121/40 is 3.025 → 3.03)."""
    try:
        if isinstance(value, Fraction):
            exact = Decimal(value.numerator) / Decimal(value.denominator)
        else:
            exact = Decimal(str(value))
    except InvalidOperation:
        raise ValueError(f"not a number: {value!r}") from None
    return exact.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def number(value: float | int | Decimal | None, digits: int = 0, locale: str | Locale | None = None) -> str:
    """A number with the locale's grouping and decimal sign and exactly ``digits`` decimals ("1.234,5")."""
    if value is None:
        return DASH
    pattern = _pattern("#,##0" + ("." + "0" * digits if digits else ""))
    return pattern.apply(round_half_up(value, digits), _locale(locale))


def decimal(value: float | int | Decimal | None, digits: int = 1, locale: str | Locale | None = None) -> str:
    """A figure with ``digits`` decimals (default one): "72,2"."""
    return number(value, digits, locale)


def compact(value: float | int | Decimal | None, digits: int = 2, locale: str | Locale | None = None) -> str:
    """Up to ``digits`` decimals, trailing zeros dropped: points "4,33", "1", "0,5"."""
    if value is None:
        return DASH
    pattern = _pattern("#,##0" + ("." + "#" * digits if digits else ""))
    return pattern.apply(round_half_up(value, digits), _locale(locale))


def percent(value: float | None, digits: int = 0, locale: str | Locale | None = None) -> str:
    """A 0–100 figure as a percentage: "72 %" in the locale's way ("72%")."""
    if value is None:
        return DASH
    loc = _locale(locale)
    symbol = loc.number_symbols.get("latn", loc.number_symbols).get("percentSign", "%")
    return number(value, digits, loc) + symbol


def pvalue(p: float | None, locale: str | Locale | None = None) -> str:
    """A p-value that is never written as 0: "< 0,0001", "0,0032", "0,500"."""
    if p is None:
        return DASH
    if p < 0.0001:
        return "< " + number(0.0001, 4, locale)
    return number(p, 4 if p < 0.001 else 3, locale)


def date(value: dt.date | dt.datetime | None, fmt: str = "long", locale: str | Locale | None = None) -> str:
    """A date: "8 Desember 2026" (``fmt="medium"``: "8 Des 2026")."""
    if value is None:
        return DASH
    if isinstance(value, dt.datetime):
        value = value.date()
    return babel_date(value, fmt, locale=_locale(locale))


def date_range(
    start: dt.date | dt.datetime | None, end: dt.date | dt.datetime | None, locale: str | Locale | None = None
) -> str:
    """Two dates as one range: "8–10 Desember 2026", "28 November – 10 Desember 2026"."""
    if start is None or end is None:
        return date(start or end, locale=locale)
    start = start.date() if isinstance(start, dt.datetime) else start
    end = end.date() if isinstance(end, dt.datetime) else end
    loc = _locale(locale)
    if start == end:
        return date(start, locale=loc)
    if not str(loc.date_formats["long"].pattern).startswith("d"):  # month-first locales: CLDR has the skeleton
        return format_interval(start, end, "yMMMMd", locale=loc)
    if (start.year, start.month) == (end.year, end.month):
        return f"{babel_date(start, 'd', locale=loc)}–{date(end, locale=loc)}"
    if start.year == end.year:
        return f"{babel_date(start, 'd MMMM', locale=loc)} – {date(end, locale=loc)}"
    return f"{date(start, locale=loc)} – {date(end, locale=loc)}"


def time(value: dt.time | dt.datetime | None, locale: str | Locale | None = None) -> str:
    """A time of day in the locale's short form: "13.45" (Indonesian), "1:45 PM" (English)."""
    if value is None:
        return DASH
    if isinstance(value, dt.datetime):
        value = value.time()
    return babel_time(value, "short", locale=_locale(locale))


def datetime(value: dt.datetime | None, fmt: str = "long", locale: str | Locale | None = None) -> str:
    """A date and time already in the wall-clock zone to show: "2 Desember 2026 13.45"."""
    if value is None:
        return DASH
    return f"{date(value, fmt, locale)} {time(value, locale)}"


def filesize(size: int | None, locale: str | Locale | None = None) -> str:
    """Bytes for people: "850 B", "12 KB", "1,5 MB" (units of 1024)."""
    if size is None:
        return DASH
    value, unit = float(size), "B"
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            break
        value /= 1024
    return f"{compact(value, 0 if unit == 'B' or value >= 10 else 1, locale)} {unit}"


FILTERS = {
    "number": number,
    "decimal": decimal,
    "compact": compact,
    "percent": percent,
    "pvalue": pvalue,
    "date": date,
    "date_range": date_range,
    "time": time,
    "datetime": datetime,
    "filesize": filesize,
}


def init_formatting(app) -> None:  # noqa: ANN001
    """Register the formatters once as Jinja filters (``{{ x|decimal }}``) and globals (``number(x)``)."""
    app.jinja_env.filters.update(FILTERS)
    app.jinja_env.globals.update({f"fmt_{name}": func for name, func in FILTERS.items()})
