"""Texas: licensed professional counselors (Behavioral Health Executive Council / TSBEPC)."""

from credtrack.rules import (
    CONFIRMED, FIRST_UNKNOWN, LICENSE, SECONDARY, SELF_STUDY, UNCONFIRMED, UNKNOWN, CECap,
    CERequirement, LiabilityMandate, RenewalRule, StateRules, SubjectMinimum,
)

TAC_681_140 = ("https://texreg.sos.state.tx.us/public/readtac$ext.TacPage?sl=T&app=9&p_dir=N&"
               "p_rloc=206729&p_tloc=&p_ploc=1&pg=3&p_tac=&ti=22&pt=30&ch=681&rl=101")
LEGACY = "https://www.dshs.state.tx.us/counselor/lpc_renew.shtm"
SELF_STUDY_RULE = "https://mattbierds.com/blog/2024/9/18/texas-lpc-ce-requirements-explaining-the-self-study-rule"
ZUR = "https://zurinstitute.com/ce_requirements/texas/counselor"

RULES = StateRules(
    code="TX",
    name="Texas",
    regulation=LICENSE,
    board="Texas Behavioral Health Executive Council (Texas State Board of Examiners of "
          "Professional Counselors)",
    board_url="https://bhec.texas.gov/",
    credential="Licensed Professional Counselor (LPC)",
    renewal=RenewalRule(
        basis=UNKNOWN, cycle_years=2,
        text="every two years; the expiry's anchor (birth month or issue date, 22 TAC 883.1) "
             "was not found: enter the date printed on the license",
        source=LEGACY,
        confidence=UNCONFIRMED,
    ),
    ce=CERequirement(
        hours=24,
        subjects=(
            SubjectMinimum("ethics", 6, source=TAC_681_140),
            SubjectMinimum("cultural-diversity", 3, note="cultural diversity or competency",
                           source=TAC_681_140),
            SubjectMinimum("jurisprudence", None, counts_toward_total=False,
                           note="pass the Texas jurisprudence exam every renewal period; it may "
                                "be claimed as 1 ethics hour (681.140(b)(2))",
                           source=TAC_681_140),
            SubjectMinimum("human-trafficking", 1, confidence=SECONDARY,
                           note="HHSC-approved human-trafficking training, listed by CE vendors "
                                "(Tex. Occ. Code ch. 116); not in the 681.140 excerpt read",
                           source=ZUR),
        ),
        caps=(CECap(delivery=SELF_STUDY, max_hours=1,
                    note="solo self-study (reading etc.) at most 1 hour (681.140(h)(4)); "
                         "organized online or recorded programs are not capped",
                    source=SELF_STUDY_RULE),),
        first_period=FIRST_UNKNOWN,
        carry_over_max=10,
        text="24 hours per renewal period including 6 ethics and 3 cultural diversity or "
             "competency; the jurisprudence exam each period; up to 10 hours carried forward",
        source=TAC_681_140,
        confidence=CONFIRMED,
        note="At least half the hours from the providers listed in 681.140(f). Supervisors: 6 h "
             "of supervision within the 24.",
    ),
    liability=LiabilityMandate(required=None, text="no mandate found", confidence=UNCONFIRMED),
    compact_member=False,
    sources=(TAC_681_140, LEGACY, SELF_STUDY_RULE, ZUR),
    verified="2026-12-01",
    notes="Not a Counseling Compact member (HB 1537 of 2025 introduced; not enacted: "
          "secondary).",
    confidence=SECONDARY,
)
