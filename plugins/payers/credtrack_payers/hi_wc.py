"""Hawaii workers' compensation: whether licensed massage therapists are paid is unknown.

Committee reports on HB 731 (2003) say workers' compensation "medical care" was limited to
physicians, surgeons, opticians, PTs, nurses and "masseurs", and the bill replaced "masseur"
with "licensed massage therapist"; whether it was enacted, and whether LMTs are on the
director-qualified list of HRS 386-27, is unconfirmed. Treatment runs through the physician's
treatment plan (HRS 386-21.2), but how an LMT bills under it is not confirmed.
"""

from credtrack.rules import PayerRules

from ._common import READ_DEC, READ_NOV, SECONDARY, UNCONFIRMED, UNKNOWN, VERIFIED, cred, fact

HOUSE_2003 = ("https://capitolwebsite.azurewebsites.net/sessions/session2003/CommReports/"
              "HB731_HD1_HSCR624_.htm")
SENATE_2003 = "https://capitol.hawaii.gov/session2003/commreports/HB731_SD1_SSCR1251_.htm"
HRS_386 = "https://hawaii.edu/uhwo/clear/home/HRS386-2.html"
SB3012_2008 = ("https://capitolwebsite.azurewebsites.net/sessions/session2008/CommReports/"
               "SB3012_SD1_SSCR2491_.htm")

RULES = PayerRules(
    id="hi-wc",
    name="Hawaii workers' compensation",
    kind="workers-comp",
    provider_types=(),
    states=("HI",),
    credentialing=(
        cred(UNKNOWN, "The 2003 bill to name licensed massage therapists in workers' "
             "compensation medical care is documented only by committee reports; its "
             "enactment and LMTs' place on the HRS 386-27 list are unconfirmed.", HOUSE_2003,
             date="2003", confidence=SECONDARY),
    ),
    documents=(),
    caqh_required=False,
    route="unknown",
    route_address="",
    recredential_months=None,
    facts=(
        fact("law", "House CPC and Senate CPH reports on HB 731 (2003): medical care was "
             "limited to physicians, surgeons, opticians, PTs/PTAs, nurses, APRNs and "
             "'masseurs'; the bill replaced 'masseur' with 'licensed massage therapist' and "
             "added OTs.", HOUSE_2003, read=READ_NOV, date="2003", confidence=SECONDARY,
             note=f"Senate report: {SENATE_2003}"),
        fact("law", "The workers' compensation law has sections on treatment plans (HRS "
             "386-21.2) and frequency and utilization guidelines (HRS 386-26).", HRS_386,
             read=READ_NOV, confidence=SECONDARY),
        fact("payment", "A 2008 Senate committee report says the workers' compensation "
             "supplemental fee schedule raised massage fees (which suggests massage is paid "
             "under it; not confirmed).", SB3012_2008, read=READ_DEC, date="2008",
             confidence=UNCONFIRMED),
    ),
    sources=(HOUSE_2003, SENATE_2003, HRS_386, SB3012_2008),
    verified=VERIFIED,
    confidence=UNCONFIRMED,
    notes="Ask the Hawaii Disability Compensation Division or the carrier whether an LMT may "
          "bill, and under whose treatment plan, before treating.",
)
