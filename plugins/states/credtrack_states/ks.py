"""Kansas: no state massage-therapy license (licensure bills pending; local permits only)."""

from credtrack.rules import (
    NONE, UNCONFIRMED, UNKNOWN, CERequirement, LiabilityMandate, RenewalRule, StateRules,
)

KLRD = "https://klrd.org/2023/11/16/massage-therapy/"
SB253 = "https://app.legiplex.com/ks/legislature/2025/2025-r/bills/sb253/drafts-latest"

RULES = StateRules(
    code="KS",
    name="Kansas",
    regulation=NONE,
    board="none (proposed: State Board of Healing Arts, under a Massage Therapist Licensure Act)",
    credential="none statewide (local permits, e.g. City of Mission)",
    renewal=RenewalRule(basis=UNKNOWN, confidence=UNCONFIRMED, text="no state license",
                        source=KLRD),
    ce=CERequirement(hours=None, confidence=UNCONFIRMED, source=KLRD,
                     text="no state CE requirement: Kansas has no state massage license"),
    liability=LiabilityMandate(required=None, text="no state license; SB 253 would require "
                               "professional liability insurance", source=SB253,
                               confidence=UNCONFIRMED),
    sources=(
        KLRD,
        "https://amtamassage.org/link/59fd09ecfcd1406da3dd5c3a2f539be6.aspx",
        SB253,
        "https://www.abmp.com/updates/legislative-updates/kansas/"
        "kansas-massage-therapy-licensure-bill-introduced",
        "https://app.legiplex.com/ks/legislature/2023/2023-r/bills/sb305/draft-1186011?id=1186011",
    ),
    # the dates these sources show, as noted in the reference (states.csv, states-gaps.md)
    source_dates=(
        ('https://klrd.org/2023/11/16/massage-therapy/',
         '2023-11-16'),
        ('https://amtamassage.org/link/59fd09ecfcd1406da3dd5c3a2f539be6.aspx',
         'undated; written after 2025-02-07'),
        ('https://app.legiplex.com/ks/legislature/2025/2025-r/bills/sb253/drafts-latest',
         'filed 2025-02-07'),
        ('https://app.legiplex.com/ks/legislature/2023/2023-r/bills/sb305/draft-1186011?id=1186011',
         '2023-03-23'),
    ),
    verified="2026-11-22",
    notes="Statewide licensure NOT confirmed: regulation is by city ordinance. Pending: SB 253 "
          "(Massage Therapist Licensure Act, State Board of Healing Arts; 625 hours, fingerprints, "
          "liability insurance, preemption of local licensing) introduced 2025-02-07 and still in "
          "committee in the latest source; whether anything passed in 2026 is unconfirmed. "
          "Earlier bills (SB 305 2023-24, SB 111, HB 2400 2021, SB 452 2020 and others) failed. "
          "Re-check before relying on this.",
    confidence=UNCONFIRMED,
)
