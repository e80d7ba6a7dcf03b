"""Forms: each field is parsed with the CLI's own validators; errors show beside the field and
nothing is saved until every field is valid and the service accepts the whole."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from credtrack import validate as V
from credtrack.errors import Conflict, CredtrackError

Parse = Callable[[str], Any]


@dataclass
class Field:
    name: str
    label: str
    parse: Parse | None = None  # None: free text; raising BadInput marks the field invalid
    required: bool = False
    placeholder: str = ""
    value: str = ""
    choices: list[tuple[str, str]] | None = None  # (label, value) -> a Select
    checkbox: bool = False
    suggester: Suggester | None = None
    extra: dict[str, Any] = field(default_factory=dict)


class PathSuggester(Suggester):
    """Completes file system paths as they are typed (the longest unique continuation)."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        if not value:
            return None
        expanded = os.path.expanduser(value)
        folder, _, stem = expanded.rpartition(os.sep)
        base = Path(folder or ".") if folder or expanded.startswith(os.sep) else Path(".")
        if expanded.startswith(os.sep) and not folder:
            base = Path(os.sep)
        try:
            names = sorted(n for n in os.listdir(base) if n.startswith(stem) and
                           not (n.startswith(".") and not stem.startswith(".")))
        except OSError:
            return None
        if not names:
            return None
        common = os.path.commonprefix(names)
        if len(names) == 1 and (base / names[0]).is_dir():
            common += os.sep
        if common == stem:
            return None
        return value + common[len(stem):]


def parse_file(text: str) -> Path:
    from credtrack.vault import check_source

    path = Path(os.path.expanduser(text.strip()))
    check_source(path)
    return path


def optional(parse: Parse) -> Parse:
    def inner(text: str):
        return parse(text) if text.strip() else None
    return inner


def date_field(name: str, label: str, required: bool = False, value: str = "",
               placeholder: str = "YYYY-MM-DD") -> Field:
    return Field(name, label, (lambda t: V.parse_date(t, label.lower())) if required
                 else optional(lambda t: V.parse_date(t, label.lower())),
                 required, placeholder, value)


class FormMixin:
    """Compose, validate and submit a list of fields (used by modal forms and the welcome)."""

    form_title: str
    fields: list[Field]
    submit_fn: Callable[[dict[str, Any]], Any]
    ok_label: str

    def setup_form(self, title: str, fields: list[Field],
                   submit: Callable[[dict[str, Any]], Any], ok_label: str) -> None:
        self.form_title, self.fields, self.submit_fn, self.ok_label = title, fields, submit, ok_label

    def compose_form(self) -> ComposeResult:
        with VerticalScroll(id="form"):
            yield Static(Text(self.form_title), classes="title")
            for f in self.fields:
                with Vertical(classes="field"):
                    with Horizontal():
                        yield Label(Text(f.label + (" *" if f.required else "")), classes="label")
                        if f.choices is not None:
                            yield Select([(Text(label), value) for label, value in f.choices],
                                         id=f"f-{f.name}", allow_blank=not f.required,
                                         value=f.value if f.value else Select.NULL, compact=True)
                        elif f.checkbox:
                            yield Checkbox(Text(f.extra.get("text", "yes")), bool(f.value),
                                           id=f"f-{f.name}", compact=True)
                        else:
                            yield Input(f.value, placeholder=f.placeholder, id=f"f-{f.name}",
                                        suggester=f.suggester, compact=True)
                    yield Label("", id=f"e-{f.name}", classes="error -empty")
            yield Label("", id="form-error")
            with Horizontal(id="buttons"):
                yield Button("Cancel", id="cancel")
                yield Button(self.ok_label, id="ok", variant="primary")

    def focus_first(self) -> None:
        self.query("Input, Select, Checkbox").first().focus()  # type: ignore[attr-defined]

    def _raw(self, f: Field) -> Any:
        widget = self.query_one(f"#f-{f.name}")  # type: ignore[attr-defined]
        if isinstance(widget, Select):
            return "" if widget.value is Select.NULL else widget.value
        return widget.value

    def set_error(self, name: str, message: str) -> None:
        label = self.query_one(f"#e-{name}", Label)  # type: ignore[attr-defined]
        label.update(Text(message))
        label.set_class(not message, "-empty")

    def values(self) -> dict[str, Any] | None:
        """Parse every field; show each error beside its field. None if any is invalid."""
        out: dict[str, Any] = {}
        ok = True
        for f in self.fields:
            raw = self._raw(f)
            message = ""
            if f.checkbox:
                out[f.name] = bool(raw)
            elif isinstance(raw, str) and not raw.strip():
                if f.required:
                    message = f"{f.label} is required"
                out[f.name] = None
            else:
                try:
                    out[f.name] = f.parse(raw) if f.parse else V.parse_text(str(raw), f.label)
                except CredtrackError as exc:
                    message = exc.message
            self.set_error(f.name, message)
            ok = ok and not message
        return out if ok else None

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "ok":
            self.action_save()
        else:
            self.action_cancel()

    def action_save(self) -> None:
        error = self.query_one("#form-error", Label)  # type: ignore[attr-defined]
        values = self.values()
        if values is None:
            error.update(Text("Fix the fields marked above."))
            return
        try:
            result = self.submit_fn(values)
        except Conflict as exc:  # another coordinator changed the record: show theirs
            self.dismiss(None)  # type: ignore[attr-defined]
            self.app.reload_after_conflict(exc)  # type: ignore[attr-defined]
            return
        except CredtrackError as exc:
            error.update(Text(exc.message))
            return
        self.dismiss(result)  # type: ignore[attr-defined]

    def action_cancel(self) -> None:
        self.dismiss(None)  # type: ignore[attr-defined]


class FormScreen(FormMixin, ModalScreen[Any]):
    """A modal form. ``submit(values)`` does the work and returns what to dismiss with; a
    ``CredtrackError`` it raises is shown on the form and nothing is saved."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="form.cancel"),
                Binding("ctrl+s", "save", "Save", id="form.save", priority=True)]

    def __init__(self, title: str, fields: list[Field],
                 submit: Callable[[dict[str, Any]], Any], ok_label: str = "Save"):
        super().__init__()
        self.setup_form(title, fields, submit, ok_label)

    def compose(self) -> ComposeResult:
        yield from self.compose_form()

    def on_mount(self) -> None:
        self.focus_first()
