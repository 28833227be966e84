"""Formulir 2: the expertise group's recap of its members' verified items, and the learning
coordinator's recap per level with the programmes that gather one need from several units
(LAN 605/2025 BAB II C, Formulir 2)."""
