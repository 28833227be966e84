"""Send the core's replies to a person's Slack DM: each as one message (or a few, past 50
blocks), a reply meant to replace the pressed message as ``chat.update``, its file through
Slack's external upload."""

from __future__ import annotations

from slack_sdk.web.async_client import AsyncWebClient

from bot.attachments import content
from bot.channels.slack_blocks import slack_messages
from handlers.effects import Reply


async def send_reply(
    client: AsyncWebClient, channel: str, reply: Reply, pressed: tuple[str, str] | None = None
) -> None:
    """Post ``reply`` in ``channel``; in place of ``pressed`` (channel, ts) when it says so."""
    found = slack_messages(reply)
    if reply.replace and pressed is not None and len(found) == 1 and pressed[0] == channel:
        await client.chat_update(channel=channel, ts=pressed[1], text=found[0].text,
                                 blocks=found[0].blocks)  # fmt: skip
    else:
        for message in found:
            await client.chat_postMessage(channel=channel, text=message.text,
                                          blocks=message.blocks or None)  # fmt: skip
    if reply.attachment is not None:
        await client.files_upload_v2(
            channel=channel, filename=reply.attachment.name, title=reply.attachment.name,
            content=content(reply.attachment),
        )  # fmt: skip
