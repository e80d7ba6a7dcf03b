"""A small practice with every kind of record and distinctive identifiers, for the fault,
fuzz and privacy tests. Seeded once into a template folder, copied per case."""

from __future__ import annotations

import io
import os
import shutil
from datetime import date
from pathlib import Path

# Distinctive values: a leak of any of them is easy to find in any output.
IDS = {
    "npi": "1234567893",
    "tin": "876543219",
    "birth_date": "1986-06-14",
    "caqh": "1515151",
    "license_fl": "MA90417",
    "license_ny": "MT778812",
    "ref": "REF5550199",
    "ref2": "CALL8642097",
}
ON = date(2026, 11, 22)


def big_pdf(size: int = 3 * 1024 * 1024, title: str = "Form W-9") -> bytes:
    """A valid one-page PDF of about ``size`` bytes (an embedded file holds the bulk)."""
    import pypdf

    from credtrack.demo import sample_pdf

    writer = pypdf.PdfWriter()
    writer.append(pypdf.PdfReader(io.BytesIO(sample_pdf(title, ["SAMPLE"]))))
    writer.add_attachment("scan.bin", os.urandom(size))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def seed(home: Path, files: Path) -> dict[str, str]:
    """Fill ``home`` (through the library, as a user would) and return the ids to use."""
    from credtrack.demo import sample_pdf
    from credtrack.models import Provider, new_id
    from credtrack.service import Credtrack

    files.mkdir(parents=True, exist_ok=True)
    app = Credtrack(home, entry_points=False)
    dana = app.add_provider(Provider(
        new_id("prv"), "Dana Reyes", credentials="LMT", npi=IDS["npi"], tin=IDS["tin"],
        caqh_id=IDS["caqh"], birth_date=date.fromisoformat(IDS["birth_date"]),
        email="dana@example.com", phone="555-0100", address="12 Palm Ave, Tampa, FL 33602",
        locations=["Reyes Bodywork, Tampa"], practicing_since=date(2014, 5, 1)), use=True)
    fl, _ = app.add_license(dana.id, "FL", IDS["license_fl"], date(2014, 5, 1),
                            date(2027, 8, 31), "LMT")
    app.add_license(dana.id, "NY", IDS["license_ny"], expires=date(2027, 6, 30))
    (files / "w9.pdf").write_bytes(big_pdf(512 * 1024))
    (files / "coi.pdf").write_bytes(sample_pdf("Certificate of liability", ["SAMPLE"]))
    (files / "license.pdf").write_bytes(sample_pdf("Florida LMT license", ["SAMPLE"]))
    w9 = app.add_document(dana.id, "w9", files / "w9.pdf", issued=date(2026, 1, 5))
    coi = app.add_document(dana.id, "liability-coi", files / "coi.pdf", date(2026, 1, 1),
                           date(2027, 1, 1), limits=(1_000_000, 3_000_000))
    app.add_document(dana.id, "license", files / "license.pdf", date(2025, 8, 1),
                     date(2027, 8, 31), state="FL")
    ce = app.add_ce(dana.id, 2, "ethics", date(2026, 3, 14), course="Ethics in touch")
    app.add_ce(dana.id, 10, "general", date(2026, 5, 1), course="Myofascial release")
    app.attest(dana.id, date(2026, 9, 1))
    application, _ = app.apply(dana.id, "aetna", ["FL"], on=date(2026, 10, 1))
    app.set_status(dana.id, application.id, "submitted", date(2026, 10, 5))
    app.add_followup(dana.id, application.id, date(2026, 10, 20), contact="Provider services",
                     ref=IDS["ref"], note="in review")
    app.add_followup(dana.id, application.id, date(2026, 11, 3), ref=IDS["ref2"])
    draft, _ = app.apply(dana.id, "ash", ["FL"], on=date(2026, 11, 1))
    sam = app.add_provider(Provider(new_id("prv"), "Sam Lee", npi="1245319599"))
    app.add_license(sam.id, "TX", "TX12345", expires=date(2027, 3, 31))
    return {"provider": dana.id, "other": sam.id, "app": application.id, "draft": draft.id,
            "w9": w9.id, "coi": coi.id, "license": fl.id, "ce": ce.id}


def copy_practice(template: Path, to: Path) -> Path:
    """A private copy of a seeded folder's home (the source files are shared, by hard links:
    commands only read them); returns the copy's home."""
    shutil.copytree(template / "home", to / "home", symlinks=True)
    for path in template.iterdir():
        if path.name != "home":
            shutil.copytree(path, to / path.name, copy_function=_link_or_copy)
    return to / "home"


def _link_or_copy(src: str, dst: str) -> None:
    try:
        os.link(src, dst)
    except OSError:  # a file system without hard links
        shutil.copy2(src, dst)


def snapshot(root: Path, skip: tuple[str, ...] = ()) -> dict[str, bytes]:
    """Every file under ``root`` (but lock files and ``skip`` prefixes) with its bytes."""
    out = {}
    for path in sorted(root.rglob("*")):
        rel = str(path.relative_to(root))
        if path.is_file() and not rel.endswith(".lock") and not rel.startswith(skip):
            out[rel] = path.read_bytes()
    return out


def temp_files(*roots: Path) -> list[str]:
    from credtrack.fsio import TEMP_NAME

    return [str(p) for root in roots if root.exists() for p in root.rglob("*")
            if TEMP_NAME.match(p.name)]


def record_keys(home: Path, path: Path | None = None) -> set[str] | None:
    """'provider/table/id' for every record of the practice in ``home`` (or of one provider
    file or backup ``path``); None if the store does not open."""
    from credtrack.errors import CredtrackError
    from credtrack.service import Credtrack

    app = Credtrack(home, entry_points=False,
                    passphrase=lambda: os.environ.get("CREDTRACK_PASSPHRASE", ""))
    try:
        if path is not None:
            import json

            data = json.loads(app.store.unseal(path.read_bytes(), path))
            pid = next(iter(data["provider"].values()))["id"]
            return {f"{pid}/{table}/{row['id']}" for table, rows in data.items()
                    if table != "_meta" for row in rows.values()}
        out = set()
        for records in app.store.all_records():
            pid = records.provider.id
            out.add(f"{pid}/provider/{pid}")
            for attr, table in (("licenses", "licenses"), ("documents", "documents"),
                                ("ce", "ce"), ("applications", "applications"),
                                ("followups", "followups"), ("attestations", "attestations")):
                out.update(f"{pid}/{table}/{r.id}" for r in getattr(records, attr))
        return out
    except (CredtrackError, OSError, ValueError, KeyError, StopIteration):
        return None


def lost_records(before: set[str] | None, after: set[str] | None,
                 allowed: tuple[str, ...] = ()) -> int:
    """How many of ``before`` are missing from ``after`` (all, if the store does not open),
    but for keys containing one of ``allowed`` (what the command itself removed)."""
    if not before:
        return 0
    if after is None:
        return len(before)
    return sum(1 for k in before - after if not any(a in k for a in allowed))
