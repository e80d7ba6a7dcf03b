"""packet build: one PDF per payer application (the work is in credtrack.packet)."""

from __future__ import annotations

from pathlib import Path

import click

from credtrack.cli.common import (
    complete_records,
    DATE, PathType, emit_json, json_option, pass_ctx, provider_option, today, warn,
)
from credtrack.errors import BadInput


@click.group()
def packet():
    """Application packets: one PDF per application, ready to send."""


@packet.command("build")
@click.argument("app_id", shell_complete=complete_records("application"))
@click.option("-o", "--output", type=PathType(dir_okay=False, path_type=Path),
              help="Write the PDF here (default: <data dir>/packets/<app>-<date>.pdf); the "
                   "manifest goes beside it as .json.")
@click.option("--draft", is_flag=True, help="Build even with missing or expired items; every "
              "page is stamped DRAFT.")
@click.option("--zip", "with_zip", is_flag=True, help="Also write a .zip holding the PDF, the "
              "separate documents and the manifest.")
@click.option("--date", "on", type=DATE, help="The packet date documents must be current on "
              "(default: today).")
@click.option("--template-dir", type=PathType(file_okay=False, exists=True, path_type=Path),
              help="Templates that override the bundled ones (default: <data dir>/templates).")
@click.option("--show-tin", is_flag=True, help="Print the full TIN on the data sheet "
              "(masked by default).")
@click.option("--gap-letter", is_flag=True, help="Add a letter explaining the work-history "
              "gaps (dates, reason, signature line) for you to sign.")
@click.option("--gap-reason", default="", help="The reason printed in the gap letter (default: "
              "blank lines to write it by hand).")
@provider_option
@json_option
@pass_ctx
def build(ctx, app_id, output, draft, with_zip, on, template_dir, show_tin, gap_letter,
          gap_reason, provider_id, as_json):
    """Assemble APP_ID's packet: cover letter, contents, checklist, data sheet, documents.

    The PDF is PDF/A-2b (when every attached PDF embeds its fonts); images are downsampled
    to about 200 dpi. Run 'credtrack check APP_ID' first to catch documents that disagree."""
    from credtrack.config import load as load_config

    if gap_reason and not gap_letter:
        raise click.UsageError("--gap-reason goes with --gap-letter")
    defaults = load_config().packet  # the config file's defaults; the options win
    with_zip, show_tin = with_zip or defaults.zip, show_tin or defaults.show_tin
    if template_dir is None and defaults.template_dir:
        template_dir = Path(defaults.template_dir).expanduser()
    if output is not None:
        try:
            output.is_dir()
            output.parent.is_dir()
        except OSError as exc:  # a name too long for the system
            raise BadInput(f"{str(output)[:80]!r} is not a usable file name "
                           f"({exc.strerror})") from None
    from credtrack.cli.common import Progress

    with Progress("Building the packet") as bar:
        done = ctx.app.build_packet(app_id, provider_id=provider_id, on=on or today(),
                                    draft=draft, show_tin=show_tin, template_dir=template_dir,
                                    output=output, with_zip=with_zip, gap_letter=gap_letter,
                                    gap_reason=gap_reason, progress=bar)
    m = done.manifest
    for problem in m["problems"]:
        warn(f"draft: {problem}")
    for blocker in m["pdfa_blockers"]:
        warn(f"not PDF/A: {blocker}")
    checked = ctx.app.consistency(provider_id, on or today(), app_id)  # 'credtrack check'
    for f in checked:
        warn(f"check: {f.severity}: {f.message}")
    if as_json:
        emit_json(dict(m, path=str(done.pdf), manifest_path=str(done.manifest_path),
                       zip=str(done.zip) if done.zip else None,
                       check=[f.to_dict() for f in checked]))
        return
    kind = "draft packet" if m["draft"] else "packet"
    n = len(m["documents"])
    click.echo(f"{done.pdf}  {kind} for {m['payer_name']}: {m['pages']} pages, "
               f"{n} document{'' if n == 1 else 's'} attached, {_mb(m['size'])}"
               + (", PDF/A-2b" if m["pdfa"] else ""))
    for d in m["documents"]:
        image = d.get("image")
        if image and image["downsampled"]:
            (w, h), (pw, ph) = image["pixels"], image["placed_pixels"]
            click.echo(f"  {d['file']}: {w}x{h} px, {_mb(image['bytes'])} -> {pw}x{ph} px "
                       f"({image['dpi']} dpi), {_mb(image['placed_bytes'])}")
    click.echo(f"{done.manifest_path}  manifest (sha256 {m['sha256'][:12]}...)")
    if done.zip:
        click.echo(f"{done.zip}  zip of the packet, documents and manifest")


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{size / 1000:.0f} kB"


COMMANDS = (packet,)
