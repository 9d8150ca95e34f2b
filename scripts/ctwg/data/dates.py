"""Partial dates: the one home of how the data writes dates and how the site reads them.

In: text as the data writes it: `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (a partial date, as precise
as its source). Out: checks (with the messages contributors see), sort keys, spans of whole
days for calendars, whether a dated thing is over at a given day, positions on a time axis and
the words the pages show.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
import unicodedata

# ASCII digits only: `\d` would also match full-width (２０１８) and Arabic-Indic (٢٠١٨) digits.
PARTIAL_DATE = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")
FULL_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

# Years the data can be about: from 1900 (older conventions, such as the 1963 Tokyo Convention on
# aircraft, can be documents; the benchmark moves copies of the data back by up to 24 years) to 2100.
MIN_YEAR, MAX_YEAR = 1900, 2100


def odd_digit(value: str) -> str:
    """A note on the first digit that is not 0-9 (full-width, Arabic-Indic...), or ''."""
    ch = next((c for c in value if c.isdigit() and not "0" <= c <= "9"), None)
    if ch is None:
        return ""
    return (f"; it contains the digit {ch!r} (U+{ord(ch):04X} {unicodedata.name(ch, 'unknown digit')}), "
            "write the digits 0-9 instead")


def check_year(year: int, value: object) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        where = "" if str(value) == str(year) else f" (in {value!r})"
        raise ValueError(f"the year {year}{where} is outside {MIN_YEAR} to {MAX_YEAR}, the years this site covers")


def parts(value: str) -> list[int]:
    """'2018-04-24' -> [2018, 4, 24]; '2010-06' -> [2010, 6]; '2009' -> [2009]."""
    return [int(p) for p in value.split("-")]


def key(value: str) -> tuple[int, ...]:
    """A sort key: '2018-04-24' -> (2018, 4, 24)."""
    return tuple(parts(value))


def check_partial(value: str) -> str:
    m = PARTIAL_DATE.match(value)
    if not m:
        raise ValueError(f"should be a date written YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}{odd_digit(value)}")
    year, month, day = (int(g) if g else None for g in m.groups())
    check_year(year, value)
    try:
        _dt.date(year, month or 1, day or 1)
    except ValueError:
        raise ValueError(f"{value!r} is not a real date") from None
    return value


def check_full(value: str) -> str:
    if not FULL_DATE.fullmatch(value):
        raise ValueError(f"should be a full date written YYYY-MM-DD, not {value!r}{odd_digit(value)}")
    return check_partial(value)


def not_before(start: str, value: str) -> bool:
    """True when `value` is not before `start` at the precision both share."""
    a, b = key(start), key(value)
    n = min(len(a), len(b))
    return b[:n] >= a[:n]


def span(date: str, end: str | None) -> tuple[_dt.date, _dt.date]:
    """All-day start and exclusive end for a partial date range (a month or year is whole)."""
    p = parts(date)
    first = _dt.date(p[0], p[1] if len(p) > 1 else 1, p[2] if len(p) > 2 else 1)
    q = parts(end or date)
    if len(q) == 3:
        after = _dt.date(q[0], q[1], q[2]) + _dt.timedelta(days=1)
    elif len(q) == 2:
        after = _dt.date(q[0], q[1], calendar.monthrange(q[0], q[1])[1]) + _dt.timedelta(days=1)
    else:
        after = _dt.date(q[0] + 1, 1, 1)
    return first, after


def is_over(date: str, end: str | None, today: _dt.date) -> bool:
    """True when a dated thing (an event from `date` to `end`) has ended before `today`. A month
    or year is whole: an event dated '2026-12' is not over until December 2026 is."""
    return span(date, end)[1] <= today


def year_fraction(date: str) -> float:
    """How far into its year a date is, for a time axis: months by twelfths, days by 365ths."""
    p = parts(date)
    return ((p[1] - 1) / 12 if len(p) > 1 else 0) + ((p[2] - 1) / 365 if len(p) > 2 else 0)


def shift_years(value: str, years: int) -> str:
    """The same partial date `years` earlier ('2012-02-29' less 1 year is '2011-02-28'); text that is not a date stays as it is."""
    if not years or not isinstance(value, str):
        return value
    m = re.fullmatch(r"([0-9]{4})(-[0-9]{2})?(-[0-9]{2})?", value)
    if not m:
        return value
    year = int(m.group(1)) - years
    month = m.group(2) or ""
    day = m.group(3) or ""
    if month == "-02" and day == "-29" and not calendar.isleap(year):
        day = "-28"
    return f"{year:04d}{month}{day}"


def fmt_date(value: str | None) -> str:
    """'2018-04-24' -> '24 April 2018'; '2010-06' -> 'June 2010'; '2010' -> '2010'."""
    if not value:
        return ""
    p = parts(value)
    if len(p) == 3:
        return f"{p[2]} {calendar.month_name[p[1]]} {p[0]}"
    if len(p) == 2:
        return f"{calendar.month_name[p[1]]} {p[0]}"
    return str(p[0])


def fmt_range(start: str | None, end: str | None) -> str:
    if not start:
        return ""
    if not end or end == start:
        return fmt_date(start)
    s, e = start.split("-"), end.split("-")
    if len(s) == len(e) == 3 and s[:2] == e[:2]:
        return f"{int(s[2])}–{fmt_date(end)}"
    return f"{fmt_date(start)} – {fmt_date(end)}"
