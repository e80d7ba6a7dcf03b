"""The one place credtrack reads "today": ``CREDTRACK_TODAY`` (YYYY-MM-DD) pins it for tests and
demos, otherwise the system date. The service takes a clock (``Credtrack(clock=...)``); everything
else asks the service or calls :func:`system_today`."""

from __future__ import annotations

import os
from datetime import date


def system_today() -> date:
    pinned = os.environ.get("CREDTRACK_TODAY")
    if pinned:
        from credtrack import validate as V

        return V.parse_date(pinned, "CREDTRACK_TODAY")
    return date.today()
