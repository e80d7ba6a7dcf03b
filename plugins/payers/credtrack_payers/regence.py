"""Regence BlueShield (Cambia): Washington, Oregon, Idaho and Utah.

Regence contracts massage therapists in Washington (the WA massage association reviews its
contracts), but its credentialing documents and turnaround are not published in the reference.
Asuris Northwest Health, a sister Cambia plan, is the nearest proxy and is quoted as such.
"""

from credtrack.rules import SECONDARY, UNCONFIRMED, DocumentRequirement, PayerRules

from ._common import CADENCE_NOTE, FIRST_FOLLOWUP_DAYS, FOLLOWUP_DAYS, NCQA_36, VERIFIED

WSMTA_AMENDMENT = "https://www.mywsmta.org/page-1075463"
WSMTA_REVIEW = "https://www.mywsmta.org/CPP-News/12710544"
WSMTA_AUDIT = "https://mywsmta.org/CPP-News"
UMP = "https://www.mywsmta.org/clinical-practices"
PRIOR_AUTH = "https://docsbay.net/understanding-prior-authorizations-regence-blue-shield"
ASURIS = "https://asuris.com/provider/contracting-credentialing/credentialing"
RCW_48_43_045 = "https://app.leg.wa.gov/rcw/default.aspx?cite=48.43.045"
WA_PRIOR_AUTH = "https://www.mywsmta.org/page-1075365"

RULES = PayerRules(
    id="regence",
    name="Regence BlueShield",
    kind="blue-plan",
    provider_types=("massage-therapist",),
    states=("WA", "OR", "ID", "UT"),
    documents=(
        DocumentRequirement(
            "license", "State license", per_state=True,
            note="proxy: Asuris (Cambia) requires a license and a practice physically located "
                 "in its service area",
            source=ASURIS, confidence=UNCONFIRMED,
        ),
        DocumentRequirement(
            "irs-ein-letter", "IRS CP 575 or 147C letter",
            note="proxy: Asuris (Cambia) asks for it",
            source=ASURIS, confidence=UNCONFIRMED,
        ),
        DocumentRequirement(
            "referral", "Prescription; eviCore prior authorization", per_patient=True,
            note="most Regence plans require eviCore prior authorization for massage, approved "
                 "within 7 days after the first visit; a prescription alone is not enough "
                 "(2017 guide). Uniform Medical Plan: a prescription is required",
            source=PRIOR_AUTH, confidence=SECONDARY,
        ),
    ),
    caqh_required=False,
    route="unknown",  # the reference names no application route for Regence
    route_address="",
    turnaround_days=None,
    followup_days=FOLLOWUP_DAYS,
    first_followup_days=FIRST_FOLLOWUP_DAYS,
    escalate_after_days=None,
    recredential_months=36,
    sources=(WSMTA_AMENDMENT, WSMTA_REVIEW, WSMTA_AUDIT, UMP, PRIOR_AUTH, ASURIS,
             RCW_48_43_045, WA_PRIOR_AUTH, NCQA_36),
    verified=VERIFIED,
    confidence=SECONDARY,
    notes=(
        "Regence contracts LMTs in Washington (WSMTA); its credentialing route, documents and "
        "turnaround are unconfirmed, so route and address are placeholders. Asuris Northwest "
        "Health (same family) as a proxy: confirm the network takes your specialty and is "
        "open before applying, register for Availity (status checks, remits) and EFT, and "
        "expect 30-60 days. The 36-month recredentialing cycle is the NCQA default. "
        "Contract: a Dec 2019 amendment (yearly audits on 15 days' notice, dispute resolution) "
        "was disapproved by the WA Insurance Commissioner on 1/16/2020; WSMTA obtained a legal "
        "review of the 228-page 2022 agreement; its Nov 2022 audit found only 176 of 1,078 "
        "Regence LMT directory listings actually taking Regence. "
        "Uniform Medical Plan (WA public employees, administered by Regence): up to 16 massage "
        "visits a year for covered diagnoses with a preferred provider, prescription required; "
        "from 3/1/2020, 97112 needs eviCore preauthorization after 6 visits (97124 and 97140 "
        "do not). Washington law since 2018 bars prior authorization for the evaluation plus up "
        "to 8 visits of a new massage episode (RCW 48.43.016), which postdates the 2017 "
        "prior-authorization guide. "
        + CADENCE_NOTE
    ),
)
