"""Small screens: details of a row, help, a picker, the welcome screen."""

from __future__ import annotations

from typing import Any, Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from credtrack.tui.screens.forms import Field, FormMixin


class DetailScreen(ModalScreen[None]):
    """What a deadline or finding is, and the rule and source that produced it."""

    BINDINGS = [Binding("escape,enter,q", "close", "Close", id="detail.close")]

    def __init__(self, title: str, lines: list[tuple[str, str]]):
        super().__init__()
        self.title_text = title
        self.lines = lines

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="panel"):
            yield Static(Text(self.title_text, style="bold"))
            for label, value in self.lines:
                if value:
                    yield Static(Text.assemble((f"{label}: ", "bold"), value))
            yield Static(Text("\nEsc closes", style="dim"))

    def action_close(self) -> None:
        self.dismiss(None)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "close", "Close", id="help.close")]

    def __init__(self, bindings: list[tuple[str, str]], commands: list[str]):
        super().__init__()
        self.bindings_list = bindings
        self.commands = commands

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="panel"):
            yield Static(Text("credtrack - keys", style="bold"))
            text = Text()
            for key, desc in self.bindings_list:
                text.append(f"  {key:<10}", style="bold cyan")
                text.append(f"{desc}\n")
            yield Static(text)
            yield Static(Text("Command palette (ctrl+p)", style="bold"))
            yield Static("  " + "\n  ".join(self.commands))
            yield Static(Text("\nEvery date has a rule and a source: select a row and press "
                              "Enter. The mouse works too. Esc closes this help.", style="dim"))

    def action_close(self) -> None:
        self.dismiss(None)


class PickScreen(ModalScreen[Any]):
    """Pick one option (the provider switcher)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="pick.cancel")]

    def __init__(self, title: str, options: list[tuple[str, Any]]):
        super().__init__()
        self.title_text = title
        self.options = options

    def compose(self) -> ComposeResult:
        with Vertical(id="panel"):
            yield Static(Text(self.title_text, style="bold"))
            yield OptionList(*[Option(label, id=str(i)) for i, (label, _) in enumerate(self.options)])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.options[int(event.option.id or 0)][1])

    def action_cancel(self) -> None:
        self.dismiss(None)


class WelcomeScreen(FormMixin, Screen[Any]):
    """First run: create the provider profile (validated like the CLI)."""

    BINDINGS = [Binding("ctrl+s", "save", "Create", id="welcome.save", priority=True),
                Binding("ctrl+q", "app.quit", "Quit", id="welcome.quit")]

    def __init__(self, fields: list[Field], submit: Callable[[dict[str, Any]], Any]):
        super().__init__(id="welcome")
        self.setup_form("Welcome to credtrack. Who are you?", fields, submit, "Create profile")

    def compose(self) -> ComposeResult:
        yield Static(Text("credtrack keeps your licenses, CE, documents and insurance "
                          "applications on this machine. Start with your profile."), id="topbar")
        yield from self.compose_form()
        yield Footer()

    def on_mount(self) -> None:
        self.focus_first()

    def action_cancel(self) -> None:
        self.app.exit()


class ProgressScreen(ModalScreen[None]):
    """Long work with a progress bar; the worker updates it and closes it when done."""

    BINDINGS = [Binding("escape", "close", "Hide", id="progress.close")]

    def __init__(self, title: str):
        super().__init__()
        self.title_text = title

    def compose(self) -> ComposeResult:
        from textual.widgets import ProgressBar

        with Vertical(id="panel"):
            yield Static(Text(self.title_text, style="bold"))
            yield ProgressBar(total=None, show_eta=False, id="bar")
            yield Static("", id="step")

    def step(self, done: int, total: int, label: str) -> None:
        from textual.widgets import ProgressBar

        self.query_one("#bar", ProgressBar).update(total=total, progress=done)
        self.query_one("#step", Static).update(label)

    def action_close(self) -> None:
        self.dismiss(None)
