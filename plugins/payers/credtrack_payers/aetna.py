"""Aetna: whether Aetna credentials massage therapists is unknown.

The Medical Necessity Review form and the ASH route belong to one plan, the Aetna Medicare PPO
offered through the Rural Carrier Benefit Plan, whose massage benefit American Specialty Health
runs (see ``ash``); they are not Aetna-wide rules. In Washington Aetna historically credentialed
LMTs through WholeHealth Networks (2010).
"""

from credtrack.rules import PayerRules, ReferralRule

from ._common import (
    CADENCE_NOTE, CONFIRMED, FIRST_FOLLOWUP_DAYS, FOLLOWUP_DAYS, READ_DEC, READ_NOV, SECONDARY,
    UNCONFIRMED, UNKNOWN, VERIFIED, cred, fact,
)

RCBP = "https://rcbphealth.com/retirement-massage-benefit/"
WHOLEHEALTH_2010 = "http://www.larryswanson.com/articles/become-preferred-provider/"
CRITERIA = "https://docslib.org/doc/13450235/provider-and-facility-participation-criteria"
CPB_0388 = ("https://vdocuments.site/number-0388-aetna-2017-10-30-1-of-54-number-0388-policy-"
            "please-see-amendment.html")
NOT_RECOGNIZED = ("https://justsimplywell.com/health-insights/health-insurance/"
                  "does-insurance-cover-massage/does-aetna-cover-massage-therapy")
ADJUNCT = "https://www.cgaa.org/article/does-aetna-insurance-cover-massage-therapy"
RCBP_PLAN = "Aetna Medicare PPO (Rural Carrier Benefit Plan)"

RULES = PayerRules(
    id="aetna",
    name="Aetna",
    kind="commercial",
    provider_types=(),
    credentialing=(
        cred(UNKNOWN, "No source says Aetna credentials massage therapists directly: its "
             "participation criteria have an 'Other provider' category whose content was not "
             "retrieved, and a consumer site says Aetna does not recognize massage therapists "
             "(secondary).", CRITERIA, confidence=CONFIRMED),
    ),
    documents=(),
    referrals=(
        ReferralRule(
            required=True, kind="medical-necessity-review", prescribers=("physician",),
            plan=RCBP_PLAN,
            text="The physician sends American Specialty Health a Medical Necessity Review "
                 "(MNR) form; ASH decides within 14 business days. This plan only: $0 copay, "
                 "up to 50 visits a year, by a state-licensed massage therapist, never for "
                 "comfort or relaxation.",
            source=RCBP, read=READ_DEC, confidence=CONFIRMED),
    ),
    caqh_required=False,
    route="unknown",
    route_address="",
    turnaround_days=None,
    followup_days=FOLLOWUP_DAYS,
    first_followup_days=FIRST_FOLLOWUP_DAYS,
    escalate_after_days=None,
    recredential_months=None,
    facts=(
        fact("network", "The Aetna Medicare PPO offered through the Rural Carrier Benefit Plan "
             "runs its massage benefit through American Specialty Health (ASH Group): join ASH "
             "for that plan (see the ash payer).", RCBP, read=READ_DEC, plan=RCBP_PLAN),
        fact("history", "In Washington (2010) Aetna credentialed LMTs through WholeHealth "
             "Networks.", WHOLEHEALTH_2010, read=READ_NOV, date="2010-02",
             confidence=SECONDARY, states=("WA",)),
        fact("credentialing", "Aetna's 'Provider and facility participation criteria' booklet "
             "(editions 7/15, 3/21, 4/22) has an 'Other provider' category; whether it covers "
             "massage therapists, and its liability limits, was not found.", CRITERIA,
             read=READ_NOV, date="2022-04", confidence=UNCONFIRMED),
        fact("coverage", "A consumer site says Aetna does not recognize massage therapists as "
             "providers and covers massage only within a PT plan.", NOT_RECOGNIZED,
             read=READ_NOV, confidence=SECONDARY),
        fact("coverage", "CPB 0388 (complementary and alternative medicine): alternative "
             "interventions are medically necessary only with adequate evidence.", CPB_0388,
             read=READ_NOV, date="2017-10-30"),
        fact("billing", "'Massage only as a same-day adjunct to another therapeutic procedure, "
             "in the initial or acute phase (about 2 weeks)' is attributed by secondary sites "
             "to CPB 0325 (Physical Therapy), not 0388; the primary text was not retrieved.",
             ADJUNCT, read=READ_DEC, confidence=UNCONFIRMED),
    ),
    sources=(CRITERIA, RCBP, WHOLEHEALTH_2010, CPB_0388, NOT_RECOGNIZED, ADJUNCT),
    verified=VERIFIED,
    confidence=UNCONFIRMED,
    notes="Ask Aetna whether it contracts massage therapists in your state; for the Rural "
          "Carrier Benefit Plan's Medicare PPO, apply to ASH. " + CADENCE_NOTE,
)
