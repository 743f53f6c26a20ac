"""The one clock of the agenda, and time limits in Redis derived from it.

Everything that compares times (free slots, holds, how long a booking is kept) takes the same
injected clock. Redis keeps its own real time, so a limit is sent as a duration from that
clock's now, never as an absolute moment: both agree whatever day the clock says it is.
"""

import math
from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    return datetime.now(UTC)


def seconds_until(moment: datetime, now: datetime) -> int:
    """Whole seconds from `now` to `moment`, at least 1 (Redis refuses 0)."""
    return max(1, math.ceil((moment - now).total_seconds()))
