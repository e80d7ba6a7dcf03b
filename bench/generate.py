"""A deterministic synthetic practice of N providers, written through the library.

Each provider has 1-3 licenses in real states, 10-20 documents, 5-15 CE credits and 3-10
applications with follow-ups. The same seed gives the same practice. Document files are a
small set of generated PDFs stored once in the vault (content-addressed, as real duplicates
would be); every provider's records are written in one store transaction.

    .venv/bin/python bench/generate.py DIR --providers 500 [--seed 1] [--as-of 2026-11-22]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from credtrack import vault
from credtrack.demo import sample_pdf
from credtrack.models import (
    Application, Attestation, CECredit, Document, FollowUp, License, Provider, new_id,
)
from credtrack.service import Credtrack

STATES = ("FL", "TX", "NY", "WA", "OR", "CA", "IL", "GA", "NC", "ND", "PA", "VA", "AZ", "CO",
          "MI", "NJ", "OH", "TN", "MD", "MA")
DOC_KINDS = ("w9", "liability-coi", "general-coi", "cpr", "first-aid", "resume", "reference",
             "diploma", "transcript", "photo-id", "npi-letter", "ce-certificate", "other")
SUBJECTS = ("general", "general", "general", "ethics", "laws-and-rules", "hands-on",
            "medical-errors", "human-trafficking")
DELIVERIES = ("in-person", "in-person", "online", "self-study")
FIRST = ("Dana", "Sam", "Alex", "Jordan", "Maria", "Lee", "Priya", "Chen", "Olu", "Rosa",
         "Kai", "Noor", "Ivan", "Ana", "Tom", "Grace")
LAST = ("Reyes", "Okafor", "Nguyen", "Smith", "Garcia", "Kim", "Patel", "Johnson", "Silva",
        "Kowalski", "Haddad", "Brown", "Lopez", "Ito", "Mensah", "Novak")


def npi_for(rng: random.Random) -> str:
    from credtrack.validate import npi_valid

    while True:
        base = "1" + "".join(str(rng.randrange(10)) for _ in range(8))
        for check in range(10):
            if npi_valid(base + str(check)):
                return base + str(check)


def sample_files(app: Credtrack, folder: Path, count: int = 24) -> list[vault.Stored]:
    folder.mkdir(parents=True, exist_ok=True)
    stored = []
    for i in range(count):
        path = folder / f"sample-{i:02d}.pdf"
        path.write_bytes(sample_pdf(f"Sample document {i}", ["credtrack benchmark data"]))
        stored.append(vault.add_file(app.root, path))
    return stored


def provider_records(rng: random.Random, files: list[vault.Stored], payers: list[str],
                     as_of: date, index: int):
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {index:04d}"
    p = Provider(new_id("prv"), name, credentials="LMT", npi=npi_for(rng),
                 birth_date=date(1960 + rng.randrange(40), rng.randrange(1, 13), rng.randrange(1, 29)),
                 caqh_id=str(rng.randrange(10**6, 10**8)))
    records: list = []
    for state in rng.sample(STATES, rng.randint(1, 3)):
        issued = as_of - timedelta(days=rng.randrange(200, 4000))
        expires = as_of + timedelta(days=rng.randrange(-30, 900)) if rng.random() < 0.5 else None
        records.append(License(new_id("lic"), state, str(rng.randrange(10**4, 10**6)), issued,
                               expires, "LMT"))
    for _ in range(rng.randint(10, 20)):
        f = rng.choice(files)
        kind = rng.choice(DOC_KINDS)
        expires = as_of + timedelta(days=rng.randrange(-60, 700)) if rng.random() < 0.6 else None
        limits = (1_000_000, 3_000_000) if kind == "liability-coi" else (None, None)
        records.append(Document(new_id("doc"), kind, f.sha256, f.vault_path, f"{kind}.pdf",
                                f.size, f.media_type, as_of - timedelta(days=rng.randrange(400)),
                                None, expires, *limits))
    for _ in range(rng.randint(5, 15)):
        records.append(CECredit(new_id("ce"), float(rng.choice((1, 2, 3, 4, 6, 8))),
                                rng.choice(SUBJECTS), as_of - timedelta(days=rng.randrange(1, 900)),
                                "Sample course", "Sample sponsor", rng.choice(DELIVERIES)))
    for payer in rng.sample(payers, rng.randint(3, min(10, len(payers)))):
        start = as_of - timedelta(days=rng.randrange(20, 900))
        history = [{"status": "draft", "date": start.isoformat(), "note": ""}]
        status = rng.choice(("draft", "gathering", "submitted", "in-review", "approved", "denied"))
        if status != "draft":
            for step, s in enumerate(("gathering", "submitted", "in-review", "approved")):
                day = start + timedelta(days=10 * (step + 1))
                history.append({"status": s if status != "denied" or s != "approved" else "denied",
                                "date": day.isoformat(), "note": ""})
                if s == status or (status == "denied" and s == "in-review"):
                    break
            if status == "denied":
                history.append({"status": "denied", "date": (start + timedelta(days=50)).isoformat(),
                                "note": ""})
        app = Application(new_id("app"), payer, status, [], start, history, forced=True)
        records.append(app)
        if status in ("submitted", "in-review", "approved", "denied"):
            for k in range(rng.randint(1, 4)):
                records.append(FollowUp(new_id("fu"), app.id, start + timedelta(days=25 + 14 * k),
                                        "Provider services", f"REF-{rng.randrange(10**6)}", "status call"))
    records.append(Attestation(new_id("att"), as_of - timedelta(days=rng.randrange(150))))
    return p, records


def generate(root: Path, providers: int, seed: int = 1, as_of: date = date(2026, 11, 22)) -> float:
    """Write the practice; returns the seconds it took."""
    import credtrack.models as models

    started = time.perf_counter()
    rng = random.Random(seed)
    models._SYSTEM_RANDOM = random.Random(seed + 1)  # deterministic ids
    app = Credtrack(root, entry_points=False)
    files = sample_files(app, root.parent / f"{root.name}-files")
    payers = [pid for pid, rules in sorted(app.payers().items())
              if rules.credentials("massage-therapist")]
    for i in range(providers):
        provider, records = provider_records(rng, files, payers, as_of, i)
        provider = app.add_provider(provider)
        with app.store.write(provider.id) as pf:  # one transaction per provider
            for rec in records:
                pf.insert(rec)
    return time.perf_counter() - started


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir", type=Path)
    ap.add_argument("--providers", type=int, default=100)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--as-of", default="2026-11-22")
    args = ap.parse_args()
    if (args.dir / "practice.json").exists():
        sys.exit(f"{args.dir} already holds a practice")
    took = generate(args.dir, args.providers, args.seed, date.fromisoformat(args.as_of))
    print(f"{args.providers} providers written to {args.dir} in {took:.1f} s")


if __name__ == "__main__":
    main()
