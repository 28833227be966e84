"""The workflow core: domain model, use-case handlers and the ports they talk through.

"Handlers" here are use-case handlers in the sense of *Architecture Patterns with Python*,
not Telegram callbacks. Nothing in this package imports a chat library or SQLAlchemy:
storage is reached through the Protocols in :mod:`handlers.ports`, and every handler
returns effects (:mod:`handlers.effects`) that a channel turns into messages.
"""
