"""Channels translate between a chat platform and the core; they hold no business rule."""
