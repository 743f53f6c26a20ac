"""Office hours that tests set, so that no test depends on the hour it runs at."""

from datetime import time

ALWAYS_OPEN: dict[str, object] = {
    "office_days": {0, 1, 2, 3, 4, 5, 6},
    "office_opens": time.min,
    "office_closes": time.max,
    "office_closed_on_public_holidays": False,
}
NEVER_OPEN: dict[str, object] = {**ALWAYS_OPEN, "office_days": set()}
