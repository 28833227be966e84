"""The IDP plan as data (one per employee per cycle) and its lifecycle."""
