"""The check-in's vocabulary: the values stored in ``checkins``, ``checkin_items`` and
``checkin_amendments`` (storage/checkin_models.py). Sentences come from templates."""

from __future__ import annotations

from enum import StrEnum


class CheckinState(StrEnum):
    """Where one plan's check-in of one quarter stands."""

    ASKED = "asked"  # the employee was asked (a notice queued); nothing answered yet
    IN_PROGRESS = "in_progress"  # the employee started answering (a form session holds it)
    SUBMITTED = "submitted"  # sent: for the supervisor to review
    REVIEWED = "reviewed"  # the supervisor gave feedback and closed the quarter's dialogue


class ItemStatus(StrEnum):
    """What became of an item by the quarter's check-in."""

    TERLAKSANA = "terlaksana"  # done
    BERJALAN = "berjalan"  # under way
    BELUM = "belum"  # not yet
    BATAL = "batal"  # cancelled or replaced (with why)


class Fit(StrEnum):
    """(a) The fit between the learning plan and what was carried out."""

    SESUAI = "sesuai"
    SEBAGIAN = "sebagian"
    TIDAK = "tidak"  # tidak sesuai


BENEFIT_SCALE = range(1, 6)  # (b) the benefit for the employee's work: 1 (none) … 5 (great)


class AmendmentKind(StrEnum):
    """A change of the plan proposed in a check-in, for the supervisor to agree."""

    ADD = "add"  # a new item (the Formulir 1 C item form)
    RESCHEDULE = "reschedule"  # an item's time frame changed
    CANCEL = "cancel"  # an item cancelled, with a reason


class Verdict(StrEnum):
    """The supervisor's decision on an amendment."""

    AGREED = "agreed"
    REJECTED = "rejected"
