"""New Hampshire: Board of Massage Therapy (Office of Professional Licensure and Certification)."""

from credtrack.rules import (
    FIRST_UNKNOWN, LICENSE, SECONDARY, UNCONFIRMED, UNKNOWN, CERequirement, LiabilityMandate,
    RenewalRule, StateRules,
)

PLC = ("https://d1tvxue8o4w0fl.cloudfront.net/regulation/new-hampshire-administrative-code/"
       "title-plc-executive-director-office-of-professional-licensure-and-certification/"
       "chapter-plc-900-massage-therapists/part-plc-905-massage-therapy-license-renewal/"
       "section-plc-90503-renewal-application-for-massage-therapists")
COS = ("https://www.careeronestop.org/toolkit/training/find-licenses-detail.aspx?&keyword="
       "Federation%20of%20State%20Massage%20Therapy%20Board&location=US&curPage=2&"
       "licenseId=33-MTA01")

RULES = StateRules(
    code="NH",
    name="New Hampshire",
    regulation=LICENSE,
    board="New Hampshire Board of Massage Therapy "
          "(Office of Professional Licensure and Certification)",
    board_url="https://www.oplc.nh.gov/massage-therapy/index.htm",
    credential="Licensed Massage Therapist (LMT)",
    renewal=RenewalRule(
        basis=UNKNOWN, cycle_years=2,
        text="every two years; the expiration date rule is not confirmed: enter the expiry "
             "printed on your license. File the renewal application at least 30 days before "
             "expiration",
        source=PLC,
        confidence=UNCONFIRMED,
        note="OPLC sends a renewal notice at least 60 days before expiration (Plc 905.03). "
             "Biennial per CareerOneStop (rev. Feb 2016).",
    ),
    ce=CERequirement(
        hours=12,
        first_period=FIRST_UNKNOWN,
        carry_over_max=None,
        text="at least 12 hours every two years in specific content areas (Plc 905.02; "
             "details not confirmed)",
        source=COS,
        confidence=SECONDARY,
    ),
    liability=LiabilityMandate(required=None, text="not found", confidence=UNCONFIRMED),
    other_requirements=(
        "current adult CPR and First Aid",
        "conviction attestation at renewal",
    ),
    document_kinds=("cpr", "first-aid"),
    sources=(PLC, COS, "https://www.oplc.nh.gov/massage-therapy/index.htm"),
    # the dates these sources show, as noted in the reference (states.csv, states-gaps.md)
    source_dates=(
        ('https://d1tvxue8o4w0fl.cloudfront.net/regulation/new-hampshire-administrative-code/title-plc-executive-director-office-of-professional-licensure-and-certification/chapter-plc-900-massage-therapists/part-plc-905-massage-therapy-license-renewal/section-plc-90503-renewal-application-for-massage-therapists',
         'current through 2024-12-12'),
        ('https://www.careeronestop.org/toolkit/training/find-licenses-detail.aspx?&keyword=Federation%20of%20State%20Massage%20Therapy%20Board&location=US&curPage=2&licenseId=33-MTA01',
         'rev Feb 2016'),
    ),
    verified="2026-11-22",
    notes="Biennial renewal fee $110 (2016).",
    confidence=SECONDARY,
)
