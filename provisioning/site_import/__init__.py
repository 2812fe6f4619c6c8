"""Bringing a village's old website (OpenSID or WordPress) into its VillageWeb site: docs/migrating.md.

`sources/` read the old site (hostile input: parsed, never executed) into plain items (`items.py`),
`html.py` turns old bodies into the village's rich text, `services.py` writes one village in one
transaction and makes the redirects that keep old links alive.
"""
