"""HMSA Complementary Care Rider (Hawaii): chiropractic, massage and acupuncture, by rider.

HMSA (the Hawaii Blue plan) sells a Complementary Care Rider to employer groups; in 2001 it was
administered by American Specialty Health Networks, massage needed a prescription from a
primary care physician or chiropractor stating the medical reason, duration and frequency, and
12 to 24 combined visits a year were covered. Those are 2001 terms (secondary); HMSA's plan
certificate B12 (October 2017) is the current document to check.
"""

from credtrack.rules import PayerRules, ReferralRule

from ._common import (
    CADENCE_NOTE, FIRST_FOLLOWUP_DAYS, FOLLOWUP_DAYS, READ_DEC, SECONDARY, UNCONFIRMED,
    VERIFIED, YES, cred, fact,
)

HCFH_2001 = "http://synthetics-radio.de/gb/weightloss/HCFH+Member+Alert.html"
STAR_BULLETIN = "https://archives.starbulletin.com/2001/04/05/business/story1.html"
B12_2017 = ("https://vdocuments.site/plan-certii-cate-hawaii-medical-service-association-i-"
            "totonu-o-le-taimi-faaatulagaina.html")

RULES = PayerRules(
    id="hmsa-ccr",
    name="HMSA Complementary Care Rider",
    kind="blue-plan",
    provider_types=("massage-therapist",),
    states=("HI",),
    credentialing=(
        cred(YES, "In 2001 the rider paid massage therapists in an HMSA network of alternative "
             "care providers administered by American Specialty Health Networks.",
             STAR_BULLETIN, date="2001-04-05", confidence=SECONDARY),
    ),
    documents=(),
    referrals=(
        ReferralRule(required=True, kind="prescription",
                     prescribers=("primary care physician", "chiropractor"),
                     must_state=("reason", "duration", "frequency"),
                     text="Massage is covered only on a prescription from a primary care "
                          "physician (or a chiropractor) that states the medical reason for the "
                          "service and the duration and frequency of treatment (2001 terms).",
                     source=HCFH_2001, read=READ_DEC, source_date="2001",
                     confidence=SECONDARY),
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
        fact("coverage", "2001 terms: 12 to 24 visits a year in total for chiropractic, massage "
             "and acupuncture combined (depending on the rider), a $10 copay per visit; "
             "services that are not medically necessary are not covered.", HCFH_2001,
             date="2001", confidence=SECONDARY),
        fact("network", "The rider came from an agreement with American Specialty Health "
             "Networks, which administered it (2001); whether ASH still does is not "
             "confirmed.", STAR_BULLETIN, date="2001-04-05", confidence=SECONDARY),
        fact("coverage", "HMSA's Complementary Care Rider plan certificate B12 (October 2017) "
             "is the plan document to check for current terms.", B12_2017, date="2017-10",
             confidence=UNCONFIRMED),
    ),
    sources=(STAR_BULLETIN, HCFH_2001, B12_2017),
    verified=VERIFIED,
    confidence=SECONDARY,
    notes="Ask HMSA (or ASH) how massage therapists join the rider's network today. "
          + CADENCE_NOTE,
)
