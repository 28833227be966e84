"""Composition root: configuration, the ``idp-bot`` command, app assembly and the channels."""

import os

# python-telegram-bot 22 gives time periods (RetryAfter.retry_after, …) as timedelta when
# this is set, as its next major version will always do; without it, it warns on each use.
os.environ.setdefault("PTB_TIMEDELTA", "1")
