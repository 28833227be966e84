"""The form engine: forms declared as data, walked one question at a time on any channel."""
