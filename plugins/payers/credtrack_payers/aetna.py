"""Aetna: no direct massage-therapist credentialing was confirmed.

Aetna's Medicare PPO massage benefit runs through American Specialty Health (see ``ash``), and
in Washington Aetna historically credentialed LMTs through WholeHealth Networks (2010).
Whether Aetna's "Other provider" participation criteria admit LMTs directly is unconfirmed.
"""

from credtrack.rules import CONFIRMED, UNCONFIRMED, DocumentRequirement, PayerRules

from ._common import CADENCE_NOTE, FIRST_FOLLOWUP_DAYS, FOLLOWUP_DAYS, NCQA_36, VERIFIED

RCBP = "https://rcbphealth.com/retirement-massage-benefit/"
WHOLEHEALTH_2010 = "http://www.larryswanson.com/articles/become-preferred-provider/"
CRITERIA = "https://docslib.org/doc/13450235/provider-and-facility-participation-criteria"
CPB_0388 = ("https://vdocuments.site/number-0388-aetna-2017-10-30-1-of-54-number-0388-policy-"
            "please-see-amendment.html")
NOT_RECOGNIZED = ("https://justsimplywell.com/health-insights/health-insurance/"
                  "does-insurance-cover-massage/does-aetna-cover-massage-therapy")
ADJUNCT = "https://www.cgaa.org/article/does-aetna-insurance-cover-massage-therapy"

RULES = PayerRules(
    id="aetna",
    name="Aetna",
    kind="commercial",
    provider_types=("massage-therapist",),
    documents=(
        DocumentRequirement(
            "license", "State massage therapist license", per_state=True,
            note="Aetna Medicare PPO massage (through ASH) must be given by a state-licensed "
                 "massage therapist",
            source=RCBP, confidence=CONFIRMED,
        ),
        DocumentRequirement(
            "referral", "Medical Necessity Review (MNR) form from the physician", per_patient=True,
            note="Aetna Medicare PPO through ASH: the physician sends the MNR to ASH, which "
                 "decides within 14 business days",
            source=RCBP, confidence=CONFIRMED,
        ),
    ),
    caqh_required=False,
    route="network",
    route_address=("American Specialty Health (ASH) for Aetna Medicare PPO massage: see the "
                   "ash payer"),
    turnaround_days=None,
    followup_days=FOLLOWUP_DAYS,
    first_followup_days=FIRST_FOLLOWUP_DAYS,
    escalate_after_days=None,
    recredential_months=36,
    sources=(RCBP, WHOLEHEALTH_2010, CRITERIA, CPB_0388, NOT_RECOGNIZED, ADJUNCT, NCQA_36),
    verified=VERIFIED,
    confidence=UNCONFIRMED,
    notes=(
        "Direct Aetna LMT credentialing is unconfirmed: Aetna's 'Provider and facility "
        "participation criteria' booklet has an 'Other provider' category, but whether it "
        "covers massage therapists (and its liability limits) is not known; a consumer site "
        "says Aetna does not recognize massage therapists as providers and covers massage only "
        "within a PT plan (secondary). Known routes: ASH for the Medicare PPO benefit; "
        "WholeHealth Networks in Washington (historical, 2010). The 36-month recredentialing "
        "cycle is the NCQA default. Coverage: CPB 0388 (complementary and alternative "
        "medicine) requires adequate evidence; massage is said to be medically necessary only "
        "as an adjunct to another therapeutic procedure the same day, in the initial or acute "
        "phase of about 2 weeks (secondary, unconfirmed). "
        + CADENCE_NOTE
    ),
)
