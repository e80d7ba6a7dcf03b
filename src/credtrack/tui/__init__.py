"""The Textual TUI. Only this package imports Textual; it calls the same service as the CLI."""
