"""Oregon PIP (auto personal injury protection): reasonable and necessary medical services.

ORS 742.524 requires PIP to pay all reasonable and necessary expenses of medical services
incurred within two years of the injury, up to $15,000. Oregon clinics say PIP covers massage
with a physician's prescription stating the diagnosis, the number of treatments and the CPT
code; no statute names massage (it rests on the general "medical services" wording).
"""

from credtrack.rules import PayerRules, ReferralRule

from ._common import READ_DEC, READ_NOV, SECONDARY, VERIFIED, YES, cred, fact

ORS_742_524 = "https://www.oregonlaws.org/ors/742.524"
VITALITY = "https://www.vitalitytmy.com/insurance"
HOOD_RIVER = "https://massagehoodriver.com/health-accident-auto-insurance-massage-therapy/"
DOWELL = "http://law.justia.com/cases/oregon/supreme-court/2017/s063079.html"

RULES = PayerRules(
    id="or-pip",
    name="Oregon PIP (auto personal injury protection)",
    kind="auto",
    provider_types=("massage-therapist",),
    states=("OR",),
    credentialing=(
        cred(YES, "Oregon clinics bill PIP for massage therapy on a prescription; the statute "
             "requires PIP to pay reasonable and necessary medical services (no network).",
             VITALITY, confidence=SECONDARY),
    ),
    documents=(),
    referrals=(
        ReferralRule(required=True, kind="prescription", prescribers=("physician",),
                     must_state=("diagnosis", "visits", "codes"),
                     text="A physician must evaluate and prescribe massage; the prescription "
                          "states a diagnosis code, the number of treatments and CPT 97124 or "
                          "97140.", source=VITALITY, read=READ_DEC, confidence=SECONDARY),
    ),
    caqh_required=False,
    route="none",
    recredential_months=None,
    facts=(
        fact("law", "PIP pays all reasonable and necessary medical expenses incurred within two "
             "years of the injury, up to $15,000; expenses are presumed reasonable unless the "
             "insurer denies them within 60 days of notice; in the first 50 days the provider "
             "must answer the insurer's written questions within 10 business days or the "
             "60-day clock pauses.", ORS_742_524, read=READ_NOV),
        fact("history", "SB 411 extended PIP medical benefits from one to two years for policies "
             "issued or renewed on or after 2016-01-01.", VITALITY, read=READ_NOV,
             confidence=SECONDARY),
        fact("coverage", "'By Oregon state law, PIP coverage must cover the cost of massage "
             "therapy services' (a clinic's claim; no statute names massage).", HOOD_RIVER,
             read=READ_NOV, confidence=SECONDARY),
        fact("law", "PIP does not cover transportation to appointments (Dowell v. Oregon "
             "Mutual, 361 Or 62).", DOWELL, read=READ_NOV, date="2017-02-16"),
    ),
    sources=(ORS_742_524, VITALITY, HOOD_RIVER, DOWELL),
    verified=VERIFIED,
    confidence=SECONDARY,
)
