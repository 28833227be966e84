"""Slack's Web API tiers for the methods the sender calls besides ``chat.postMessage`` (which
the outbox sender paces: :class:`bot.channels.registry.Limits`)."""

from __future__ import annotations

from bot.pacing import Pacer

# calls per minute per workspace (api.slack.com/apis/rate-limits): Tier 3 and Tier 4
TIERS = {
    "conversations.open": 50,
    "chat.update": 50,
    "files.getUploadURLExternal": 100,
    "files.completeUploadExternal": 100,
    "users.info": 100,
}


class MethodPacer:
    """Each Web API method at its tier's pace; a 429 pauses that method."""

    def __init__(self, tiers: dict[str, int] = TIERS) -> None:
        self._pacers = {method: Pacer(per_minute / 60, per_minute / 60)
                        for method, per_minute in tiers.items()}  # fmt: skip

    async def turn(self, method: str) -> None:
        await self._pacers[method].turn(method)

    def pause(self, method: str, seconds: float) -> None:
        self._pacers[method].pause(seconds)
