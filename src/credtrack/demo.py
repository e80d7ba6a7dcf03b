"""A realistic demo practice, seeded through the library like any user's data.

The people, numbers and documents are fictional and say so ("SAMPLE" on every document).
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from credtrack.models import Provider, new_id


def sample_pdf(title: str, lines: list[str]) -> bytes:
    """A one-page PDF with a few lines of text (Helvetica), built by hand: no dependencies."""
    def esc(s: str) -> str:
        return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    text = ["BT", "/F1 20 Tf", "72 720 Td", f"({esc(title)}) Tj", "/F1 12 Tf"]
    for line in lines:
        text += ["0 -22 Td", f"({esc(line)}) Tj"]
    text.append("ET")
    stream = "\n".join(text).encode("latin-1", "replace")
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def seed(app, today: date) -> str:
    """Fill an empty data dir with a two-provider practice; returns the main provider's id."""
    files = app.root / "demo-files"
    from credtrack.fsio import ensure_private_dir

    ensure_private_dir(files)

    def doc(name: str, title: str, *lines: str) -> Path:
        from credtrack.fsio import atomic_write_bytes

        path = files / name
        atomic_write_bytes(path, sample_pdf(title, ["SAMPLE DOCUMENT - credtrack demo data",
                                                    *lines]))  # 0600, like the vault
        return path

    dana = app.add_provider(Provider(
        new_id("prv"), "Dana Reyes", credentials="LMT", npi="1234567893",
        caqh_id="1515151", tin="123456789", birth_date=date(1986, 6, 14),
        email="dana@example.com", phone="555-0100", address="12 Palm Ave, Tampa, FL 33602",
        locations=["Reyes Bodywork, 12 Palm Ave, Tampa, FL 33602"],
        practicing_since=date(2014, 5, 1),
        work_history=[{"from": "2019-01", "to": "present", "employer": "Reyes Bodywork",
                       "title": "Owner, LMT"},
                      {"from": "2014-05", "to": "2018-12", "employer": "Bayside Spa",
                       "title": "Massage therapist"}]), use=True)
    pid = dana.id
    fl, _ = app.add_license(pid, "FL", "MA43221", date(2014, 5, 1), date(2027, 8, 31), "LMT")
    app.add_license(pid, "NY", "012345", date(2021, 3, 1),
                    date(today.year + 1, 6, 30), "LMT")
    y = today.year
    app.add_document(pid, "license", doc("fl-license.pdf", "Florida LMT license",
                                         "Expires 2027-08-31"),
                     issued=date(2025, 8, 1), expires=date(2027, 8, 31), state="FL", today=today)
    app.add_document(pid, "w9", doc("w9.pdf", "Form W-9", "Dana Reyes"), issued=date(y, 1, 5),
                     today=today)
    app.add_document(pid, "liability-coi", doc("coi.pdf", "Certificate of liability insurance",
                                               "Professional liability 2,000,000 / 6,000,000"),
                     issued=today - timedelta(days=340), expires=today + timedelta(days=25),
                     limits=(2_000_000, 6_000_000), today=today)
    app.add_document(pid, "cpr", doc("cpr.pdf", "CPR / AED certification"),
                     issued=today - timedelta(days=700), expires=today - timedelta(days=5),
                     today=today)
    for hours, subject, days_ago, delivery, course in (
        (2, "medical-errors", 400, "online", "Preventing Medical Errors in Massage Therapy"),
        (2, "laws-and-rules", 380, "online", "Florida Laws and Rules"),
        (2, "ethics", 300, "in-person", "Ethics and Boundaries"),
        (8, "hands-on", 200, "in-person", "Myofascial Release I"),
        (12, "general", 730 + 400, "online", "Older course (previous cycle)"),
    ):
        app.add_ce(pid, hours, subject, today - timedelta(days=days_ago), course=course,
                   sponsor="Sample CE Provider", delivery=delivery, today=today)
    app.attest(pid, today - timedelta(days=100))
    ash, _ = app.apply(pid, "ash", ["FL"], on=today - timedelta(days=75))
    app.set_status(pid, ash.id, "gathering", today - timedelta(days=70))
    app.set_status(pid, ash.id, "submitted", today - timedelta(days=45))
    app.add_followup(pid, ash.id, today - timedelta(days=30), "Provider relations",
                     "SAMPLE-0001", "received; in credentialing review")
    aetna, _ = app.apply(pid, "aetna", ["FL"], on=today - timedelta(days=10))
    app.set_status(pid, aetna.id, "gathering", today - timedelta(days=9))
    ma, _ = app.apply(pid, "medicare-advantage", ["FL"], on=today - timedelta(days=800))
    app.set_status(pid, ma.id, "submitted", today - timedelta(days=790))
    app.set_status(pid, ma.id, "approved", today - timedelta(days=700))
    sam = app.add_provider(Provider(new_id("prv"), "Sam Okafor", credentials="LMT",
                                    npi="1558598797", birth_date=date(1990, 2, 11)))
    app.add_license(sam.id, "TX", "MT029757", date(2025, 4, 15), None, "LMT")
    app.add_ce(sam.id, 12, "general", today - timedelta(days=90), delivery="in-person",
               course="Sports massage", today=today)
    _ = fl
    return pid
