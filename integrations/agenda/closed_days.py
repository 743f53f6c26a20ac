"""Days on which nobody at the municipality takes appointments or answers the phone: the
Dutch public holidays (from the `holidays` package), and a team's own closed days. Pure."""

from datetime import date, timedelta
from functools import cache

import holidays
from dateutil.easter import easter


@cache
def _public_holidays(year: int) -> frozenset[date]:
    table = holidays.country_holidays("NL", years=year)
    # Good Friday is in the table, but the municipality and the buurtteams work that day.
    good_friday = easter(year) - timedelta(days=2)
    return frozenset(day for day in table if day != good_friday)


def is_public_holiday(day: date) -> bool:
    """New Year's Day, Easter and Whit Monday, Koningsdag, Ascension Day, Christmas, and
    Liberation Day in the years it is a day off."""
    return day in _public_holidays(day.year)
