"""Hawaii PIP (motor vehicle personal injury protection): massage needs an MD's prescription.

PIP benefits follow Prepaid Health Care Act coverage, priced and limited by the workers'
compensation schedules (HRS 431:10C-103.6). A 2008 Senate committee report says therapeutic
massage under PIP already required a prescription from a medical doctor; the bill it reported
(SB 3012, visit limits for massage) is not confirmed as enacted.
"""

from credtrack.rules import PayerRules, ReferralRule

from ._common import READ_DEC, READ_NOV, SECONDARY, UNCONFIRMED, VERIFIED, YES, cred, fact

HRS_431_10C_103_6 = "https://statutes.laws.com/hawaii/volume-9/title-24/chapter-431/hrs-431-10-c-103-6-htm"
SB3012_2008 = ("https://capitolwebsite.azurewebsites.net/sessions/session2008/CommReports/"
               "SB3012_SD1_SSCR2491_.htm")
FIREMANS_FUND = "http://casetext.com/case/washington-v-firemans-fund-ins-companies"

RULES = PayerRules(
    id="hi-pip",
    name="Hawaii PIP (motor vehicle personal injury protection)",
    kind="auto",
    provider_types=("massage-therapist",),
    states=("HI",),
    credentialing=(
        cred(YES, "PIP pays therapeutic massage prescribed by a medical doctor (2008 committee "
             "report); there is no network to join: bill the insurer.", SB3012_2008,
             date="2008", confidence=SECONDARY),
    ),
    documents=(),
    referrals=(
        ReferralRule(required=True, kind="prescription", prescribers=("medical doctor",),
                     text="Therapeutic massage under PIP requires a prescription from a medical "
                          "doctor.", source=SB3012_2008, read=READ_DEC, source_date="2008",
                     confidence=SECONDARY),
    ),
    caqh_required=False,
    route="none",
    recredential_months=None,
    facts=(
        fact("law", "PIP benefits track Prepaid Health Care Act coverage and are priced and "
             "limited by the workers' compensation schedules; chiropractic, acupuncture and "
             "naturopathy are each capped at 30 visits (no more than $75 a visit), 30 combined.",
             HRS_431_10C_103_6, read=READ_NOV, confidence=SECONDARY),
        fact("law", "SB 3012 (2008) would have applied the 30-visit limits to massage; whether "
             "it passed is unconfirmed.", SB3012_2008, read=READ_NOV, date="2008",
             confidence=UNCONFIRMED),
        fact("history", "Under the former no-fault law (HRS ch. 294) the Hawaii Supreme Court "
             "held that §294-2(10) did not cover chiropractic or massage therapy (1985).",
             FIREMANS_FUND, read=READ_NOV, date="1985-10-15"),
    ),
    sources=(SB3012_2008, HRS_431_10C_103_6, FIREMANS_FUND),
    verified=VERIFIED,
    confidence=SECONDARY,
)
