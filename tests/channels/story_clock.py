"""``idp-bot <command>`` on the stories' clock: time starts at the FakeClock's 29 November
2026 and runs on in real time, so processes started by a test see the story's cycle whatever
the real date is.

    python -m tests.channels.story_clock web|worker|run    (settings from IDP_* variables)
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime

from bot import app, cli
from tests.conftest import FakeClock


class StoryClock:
    """The FakeClock's start, moving forward with the real clock."""

    def __init__(self) -> None:
        self._start, self._real = FakeClock().now(), datetime.now(UTC)

    def now(self) -> datetime:
        return self._start + (datetime.now(UTC) - self._real)


if __name__ == "__main__":
    app.SystemClock = StoryClock  # type: ignore[misc]  # what bootstrap builds by default
    sys.exit(cli.main(sys.argv[1:]))
