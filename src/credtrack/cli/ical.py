"""ical export and ical serve (being written)."""

COMMANDS = ()
