"""packet build (being written)."""

COMMANDS = ()
