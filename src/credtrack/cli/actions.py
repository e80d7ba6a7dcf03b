"""Actions (credtrack.compliance.Action) as the commands that carry them out."""

from __future__ import annotations

COMMANDS = {
    "license.renew": "credtrack license renew {record}",
    "license.edit": "credtrack license edit {record} --expires DATE",
    "document.add": "credtrack doc add {kind} FILE",
    "ce.add": "credtrack ce add --hours H --subject S --completed DATE",
    "application.status": "credtrack app status {record} STATUS",
    "followup.add": "credtrack followup add {record}",
    "caqh.attest": "credtrack caqh attest --date DATE",
    "application.recredential": "credtrack app show {record}",
    "work.add": "credtrack work add --employer NAME --from YYYY-MM --to YYYY-MM",
    "reference.add": "credtrack reference add --name NAME --contact PHONE",
    "document.edit": "credtrack doc edit {record}",
    "application.edit": "credtrack app edit {record}",
    "screening.run": "credtrack screen --leie UPDATED.csv",
    "provider.nppes": "credtrack provider nppes --from FILE",
    "case.rereferral": "credtrack case show {record}",
    "case.edit": "credtrack case show {record}",
    "auth.add": "credtrack auth add {record} --visits N --start DATE --end DATE",
}


def command_for(action) -> str:
    """The command line for an action ('' for one no command carries out)."""
    if action is None:
        return ""
    template = COMMANDS.get(action.id)
    if template is None:
        return ""
    values = {"record": action.record, **dict(action.args)}
    values.setdefault("kind", "KIND")
    command = template.format(**values)
    if action.id == "document.add" and values.get("state"):
        command += f" --state {values['state']}"
    return command
