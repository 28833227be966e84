"""The fake Slack in a process of its own for the benchmarks, enforcing Slack's limits:

    python -m bench.slack_server RATE_GLOBAL RATE_PER_CHANNEL

prints ``<Web API URL> <bot token>`` on its first line, then serves until terminated. The
Web API method ``bench.stats`` answers what arrived: messages, distinct channels,
duplicates, the first and last message's time, and the 429s it answered.
"""

from __future__ import annotations

import asyncio
import sys
from collections import Counter
from typing import Any

from tests.fake_slack import FakeSlack


class BenchSlack(FakeSlack):
    def _bench_stats(self, _: dict[str, Any]) -> dict[str, Any]:
        per_channel = Counter({channel: len(posted) for channel, posted in self.history.items()})
        accepted = [c.at for c in self.calls if c.method == "chat.postMessage"]
        return {
            "ok": True,
            "messages": sum(per_channel.values()),
            "distinct": len(per_channel),
            "duplicates": sum(count - 1 for count in per_channel.values()),
            "first_at": accepted[0] if accepted else 0.0,
            "last_at": accepted[-1] if accepted else 0.0,
            "rate_limited": self.limits.refused,
        }


async def serve(overall: float, per_channel: float) -> None:
    slack = BenchSlack()
    slack.limits.limit(overall=overall, per_channel=per_channel)
    await slack.start()
    print(slack.url, slack.bot_token, flush=True)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(serve(float(sys.argv[1]), float(sys.argv[2])))
