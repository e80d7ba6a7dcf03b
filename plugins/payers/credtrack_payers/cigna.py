"""Cigna: whether Cigna credentials massage therapists is unknown.

Cigna moved acupuncture (2021) and freestanding PT/OT (2023, in listed states) to American
Specialty Health, where an ASH contract replaces the Cigna contract; whether massage also goes
through ASH is unconfirmed. Cigna historically credentialed LMTs through WholeHealth (2010).
"""

from credtrack.rules import AuthRule, PayerRules, ReferralRule

from ._common import (
    CADENCE_NOTE, CONFIRMED, FIRST_FOLLOWUP_DAYS, FOLLOWUP_DAYS, READ_DEC, READ_NOV, SECONDARY,
    UNCONFIRMED, UNKNOWN, VERIFIED, YES, cred, fact,
)

WA_CLINIC = "https://www.bellinghammassageclinic.com/using-your-insurance/cigna/"
APTA = "https://www.apta.org/news/2023/05/26/ash-expansion"
HHAMD = "https://hhamd.com/cigna/"
NMUSD = "https://web.nmusd.us/cignawellness"
MERCY = "https://mercyoptions.net"
WHOLEHEALTH_2010 = "http://www.larryswanson.com/articles/become-preferred-provider/"
POLICY_0086 = ("https://documents.pub/document/complementary-and-alternative-medicine-cigna-"
               "many-benefit-plans-specifically.html")
ACUCARE = "http://acucare.com/acupuncturists/join-acu-care/"
ASH_STATES = ("AK", "AR", "CO", "MS", "MO", "OK", "TN", "NC", "SC", "KS", "KY", "WI", "IL", "WV")

RULES = PayerRules(
    id="cigna",
    name="Cigna",
    kind="commercial",
    provider_types=("physical-therapist", "occupational-therapist"),
    credentialing=(
        cred(UNKNOWN, "No source says Cigna contracts massage therapists directly, or sends "
             "massage through ASH as it does acupuncture and PT/OT.", APTA,
             confidence=CONFIRMED),
        *(cred(YES, "Freestanding PT/OT in these states must contract with ASH to be in "
               "network for Cigna patients (from Sept/Nov 2023; parts of KS, KY and WI, more of "
               "IL and WV).", APTA, provider_type=t, read=READ_NOV, date="2023-05-26",
               states=ASH_STATES) for t in ("physical-therapist", "occupational-therapist")),
    ),
    documents=(),
    referrals=(
        ReferralRule(
            required=False, kind="referral", must_state=("diagnosis",),
            text="A Washington clinic reports few requirements: a referral is advisable, "
                 "medical necessity required; the prescriber's diagnosis codes come from the "
                 "referral.", states=("WA",),
            source=WA_CLINIC, read=READ_NOV, confidence=SECONDARY),
    ),
    authorizations=(
        AuthRule(
            required=True, after_visits=5, vendor="American Specialty Health",
            text="Cigna PT/OT through ASH: review usually after the 5th visit, via ASHLink or "
                 "fax 877-248-2746 (PT/OT, not confirmed for massage).",
            source=MERCY, read=READ_DEC, confidence=SECONDARY, states=ASH_STATES,
            plan="Cigna PT/OT through ASH"),
    ),
    caqh_required=False,
    route="unknown",
    route_address=("unconfirmed: possibly American Specialty Health (ASH), which runs Cigna "
                   "acupuncture and PT/OT; see the ash payer"),
    turnaround_days=None,
    followup_days=FOLLOWUP_DAYS,
    first_followup_days=FIRST_FOLLOWUP_DAYS,
    escalate_after_days=None,
    recredential_months=None,
    facts=(
        fact("network", "For acupuncture (dates of service from 2021) a practice was told to "
             "join ASH, which 'effectively terminates any and all prior contracted rates with "
             "Cigna', or go out of network.", HHAMD, read=READ_NOV, date="2021-05-21",
             confidence=SECONDARY),
        fact("network", "Cigna HMO members ask whether a provider accepts ASH; ASH providers "
             "may not collect more than the copay up front; non-covered services need a "
             "signed Member Billing Acknowledgement Form.", NMUSD, read=READ_NOV,
             confidence=SECONDARY),
        fact("network", "ACU-CARE contracts acupuncture for Cigna ($1M/$3M professional "
             "liability).", ACUCARE, read=READ_NOV),
        fact("history", "In Washington (2010) Cigna credentialed LMTs through WholeHealth "
             "Networks.", WHOLEHEALTH_2010, read=READ_NOV, date="2010-02",
             confidence=SECONDARY, states=("WA",)),
        fact("coverage", "Cigna Medical Coverage Policy 0086, complementary and alternative "
             "medicine.", POLICY_0086, read=READ_NOV, date="2017"),
    ),
    sources=(APTA, WA_CLINIC, HHAMD, NMUSD, MERCY, WHOLEHEALTH_2010, POLICY_0086, ACUCARE),
    verified=VERIFIED,
    confidence=UNCONFIRMED,
    notes="Ask Cigna (or ASH) who contracts massage therapists in your state. " + CADENCE_NOTE,
)
