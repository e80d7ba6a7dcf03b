"""Small screens: details of a row, a record with its actions, help, a filterable picker, a
confirmation, the welcome screen. Every user string is shown as Text (never parsed as markup)."""

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


class DetailScreen(ModalScreen[Any]):
    """A record, deadline or finding: every field (a date with its rule and source), and the
    actions on it; dismissed with the chosen action id, or None."""

    BINDINGS = [Binding("escape,q", "close", "Close", id="detail.close")]

    def __init__(self, title: str, lines: list[tuple[str, str]],
                 actions: list[tuple[str, str, str]] = ()):
        super().__init__()
        self.title_text = title
        self.lines = lines
        self.actions = list(actions)  # (action id, label, key)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="panel"):
            yield Static(Text(self.title_text, style="bold"))
            width = max((len(label) for label, value in self.lines if value), default=4) + 1
            for label, value in self.lines:
                if value:
                    yield Static(Text.assemble((f"{label + ':':<{width}} ", "bold"), str(value)))
            if self.actions:
                yield Static(Text("\nActions", style="bold"))
                yield OptionList(*[Option(Text.assemble((f"{key or ' ':<3}", "bold cyan"),
                                                        label), id=aid)
                                   for aid, label, key in self.actions], id="detail-actions")
                yield Static(Text("Enter runs the highlighted action (or press its key); "
                                  "Esc closes", style="dim"))
            else:
                yield Static(Text("\nEsc closes", style="dim"))

    def on_mount(self) -> None:
        if self.actions:
            self.query_one("#detail-actions").focus()

    def on_key(self, event) -> None:
        if event.key == "enter" and not self.actions:
            event.stop()
            self.dismiss(None)
            return
        for aid, _label, key in self.actions:
            if key and event.character == key:
                event.stop()
                self.dismiss(aid)
                return

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_close(self) -> None:
        self.dismiss(None)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "close", "Close", id="help.close")]

    def __init__(self, bindings: list[tuple[str, str]], commands: list[str]):
        super().__init__()
        self.bindings_list = bindings  # (key as shown, e.g. "?", description)
        self.commands = commands

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="panel"):
            yield Static(Text("credtrack - keys", style="bold"))
            width = max((len(k) for k, _ in self.bindings_list), default=6) + 2
            text = Text()
            for key, desc in self.bindings_list:
                text.append(f"  {key:<{width}}", style="bold cyan")
                text.append(f"{desc}\n")
            yield Static(text)
            yield Static(Text("Command palette (ctrl+p): every action of the highlighted row, "
                              "and", style="bold"))
            yield Static(Text("  " + "\n  ".join(self.commands)))
            yield Static(Text("\nEvery date has a rule and a source: select a row and press "
                              "Enter. The mouse works too. Esc closes this help.", style="dim"))

    def action_close(self) -> None:
        self.dismiss(None)


class PickScreen(ModalScreen[Any]):
    """Pick one option; typing filters the list (every word must appear, any case)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="pick.cancel"),
                Binding("down", "move(1)", "Next", show=False, id="pick.down"),
                Binding("up", "move(-1)", "Previous", show=False, id="pick.up")]

    def __init__(self, title: str, options: list[tuple[str, Any]], placeholder: str = "type to filter"):
        super().__init__()
        self.title_text = title
        self.options = options
        self.placeholder = placeholder
        self.shown: list[int] = list(range(len(options)))

    def compose(self) -> ComposeResult:
        from textual.widgets import Input

        with Vertical(id="panel", classes="picker"):
            yield Static(Text(self.title_text, style="bold"))
            yield Input(placeholder=self.placeholder, id="pick-filter", compact=True)
            yield OptionList(id="pick-list")
            yield Static(Text("", style="dim"), id="pick-count")

    def on_mount(self) -> None:
        self._fill("")
        self.query_one("#pick-filter").focus()

    def _fill(self, query: str) -> None:
        words = query.lower().split()
        self.shown = [i for i, (label, _) in enumerate(self.options)
                      if all(w in label.lower() for w in words)]
        options = self.query_one("#pick-list", OptionList)
        options.clear_options()
        options.add_options([Option(Text(self.options[i][0]), id=str(i)) for i in self.shown])
        if self.shown:
            options.highlighted = 0
        self.query_one("#pick-count", Static).update(
            Text(f"{len(self.shown)} of {len(self.options)}", style="dim"))

    def on_input_changed(self, event) -> None:
        event.stop()
        self._fill(event.value)

    def on_input_submitted(self, event) -> None:
        event.stop()
        options = self.query_one("#pick-list", OptionList)
        if self.shown and options.highlighted is not None:
            self.dismiss(self.options[self.shown[options.highlighted]][1])

    def action_move(self, step: int) -> None:
        options = self.query_one("#pick-list", OptionList)
        if self.shown:
            current = options.highlighted or 0
            options.highlighted = max(0, min(len(self.shown) - 1, current + step))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.options[int(event.option.id or 0)][1])

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmScreen(ModalScreen[bool]):
    """Yes or no (removing asks first); y/Enter confirms, n/Esc cancels."""

    BINDINGS = [Binding("y", "answer(True)", "Yes", id="confirm.yes"),
                Binding("n,escape", "answer(False)", "No", id="confirm.no")]

    def __init__(self, question: str, detail: str = ""):
        super().__init__()
        self.question, self.detail = question, detail

    def compose(self) -> ComposeResult:
        from textual.containers import Horizontal
        from textual.widgets import Button

        with Vertical(id="panel", classes="confirm"):
            yield Static(Text(self.question, style="bold"))
            if self.detail:
                yield Static(Text(self.detail, style="dim"))
            with Horizontal(id="buttons"):
                yield Button("No (n)", id="no")
                yield Button("Yes, remove (y)", id="yes", variant="error")

    def on_mount(self) -> None:
        self.query_one("#no").focus()

    def on_button_pressed(self, event) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


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
