"""Secrets and personal data never reach the logs: filters on every log handler blank out
the bot's secrets (python-telegram-bot puts a rejected token in its exception text) and the
values PostgreSQL repeats from a refused row. The engines hide a failing statement's
parameters themselves (``hide_parameters``, storage/db.py)."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

HIDDEN = "[secret]"
# PostgreSQL's DETAIL repeats what the row held: "Key (nip)=(1990…) already exists.",
# "Failing row contains (…, Budi Santoso, …)." asyncpg puts it in its exception's text.
_ROW_DETAIL = re.compile(r"^(DETAIL:\s+).*$", re.MULTILINE)
ROW_HIDDEN = r"\1[values hidden]"


def exception_text(record: logging.LogRecord) -> str | None:
    """The record's traceback, formatted once and kept on the record (as logging does)."""
    if record.exc_info and not record.exc_text:
        record.exc_text = logging.Formatter().formatException(record.exc_info)
    return record.exc_text


class RedactSecrets(logging.Filter):
    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        self.secrets = [s for s in secrets if s]

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, HIDDEN)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.secrets:
            return True
        record.msg, record.args = self.redact(record.getMessage()), ()
        text = exception_text(record)
        if text:
            record.exc_text = self.redact(text)
        return True


class HideRowValues(logging.Filter):
    """Blank the values a database error repeats from the refused row (its DETAIL line)."""

    def filter(self, record: logging.LogRecord) -> bool:
        text = exception_text(record)
        if text:
            record.exc_text = _ROW_DETAIL.sub(ROW_HIDDEN, text)
        return True


def install(secrets: Iterable[str]) -> None:
    """Put the filters on every handler of the root logger (once per secret set)."""
    filters = (RedactSecrets(secrets), HideRowValues())
    for handler in logging.getLogger().handlers:
        handler.filters = [f for f in handler.filters
                           if not isinstance(f, (RedactSecrets, HideRowValues))]  # fmt: skip
        for added in filters:
            handler.addFilter(added)
