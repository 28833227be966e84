"""Composition root: configuration, the ``idp-bot`` command, app assembly and the channels."""
