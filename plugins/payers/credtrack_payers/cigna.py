"""Cigna: no direct massage-therapist credentialing was confirmed.

Cigna moved acupuncture (2021) and freestanding PT/OT (2023, in listed states) to American
Specialty Health, where an ASH contract replaces the Cigna contract; whether massage also goes
through ASH is unconfirmed. Cigna historically credentialed LMTs through WholeHealth (2010).
"""

from credtrack.rules import SECONDARY, UNCONFIRMED, DocumentRequirement, PayerRules

from ._common import CADENCE_NOTE, FIRST_FOLLOWUP_DAYS, FOLLOWUP_DAYS, NCQA_36, VERIFIED

WA_CLINIC = "https://www.bellinghammassageclinic.com/using-your-insurance/cigna/"
APTA = "https://www.apta.org/news/2023/05/26/ash-expansion"
HHAMD = "https://hhamd.com/cigna/"
WHOLEHEALTH_2010 = "http://www.larryswanson.com/articles/become-preferred-provider/"
POLICY_0086 = ("https://documents.pub/document/complementary-and-alternative-medicine-cigna-"
               "many-benefit-plans-specifically.html")

RULES = PayerRules(
    id="cigna",
    name="Cigna",
    kind="commercial",
    provider_types=("massage-therapist",),
    documents=(
        DocumentRequirement(
            "referral", "Physician referral with diagnosis", per_patient=True,
            note="a Washington clinic reports few requirements: a referral is advisable (not "
                 "required) and medical necessity is required; the prescriber's diagnosis codes "
                 "come from the referral",
            optional=True, source=WA_CLINIC, confidence=SECONDARY,
        ),
    ),
    caqh_required=False,
    route="network",
    route_address=("unconfirmed: possibly American Specialty Health (ASH), which runs Cigna "
                   "acupuncture and PT/OT; see the ash payer"),
    turnaround_days=None,
    followup_days=FOLLOWUP_DAYS,
    first_followup_days=FIRST_FOLLOWUP_DAYS,
    escalate_after_days=None,
    recredential_months=36,
    sources=(WA_CLINIC, APTA, HHAMD, WHOLEHEALTH_2010, POLICY_0086,
             "http://acucare.com/acupuncturists/join-acu-care/", NCQA_36),
    verified=VERIFIED,
    confidence=UNCONFIRMED,
    notes=(
        "Direct Cigna LMT contracting and massage through ASH are both unconfirmed, so no "
        "credentialing documents are listed. For acupuncture (from 2021) and freestanding "
        "PT/OT (from Sept/Nov 2023 in AK, AR, CO, MS, MO, OK, TN, NC and SC, parts of KS, KY "
        "and WI, and more of IL and WV) providers must contract with ASH, which replaces "
        "prior Cigna rates. ACU-CARE contracts acupuncture for Cigna ($1M/$3M professional "
        "liability). Historically "
        "(2010, WA) Cigna credentialed LMTs through WholeHealth Networks. Coverage policy: "
        "Cigna Medical Coverage Policy 0086, complementary and alternative medicine (2017). "
        "The 36-month recredentialing cycle is the NCQA default. "
        + CADENCE_NOTE
    ),
)
