"""Regence BlueShield (Cambia): Washington, Oregon, Idaho and Utah.

Regence contracts licensed massage practitioners (LMPs) in Washington, and its own pages
describe the route: credentialing first, Availity and EFT set-up before agreements are issued,
agreements signed by DocuSign, loaded within 10 business days of signing; claims before the
effective date pay out of network. Its Washington administrative manual sets the LMP billing
rules recorded here (codes not payable to LMPs, a unit limit per date of service, the
prescription kept on file). The eviCore "approved within 7 days of the first visit" rule comes
from a 2017 guide and is stale in Washington, where RCW 48.43.016 covers the first six visits.
"""

from credtrack.rules import (
    AuthRule, CodeRule, DocumentRequirement, Limit, PayerRules, ReferralRule,
)

from ._common import (
    CADENCE_NOTE, CONFIRMED, FIRST_FOLLOWUP_DAYS, FOLLOWUP_DAYS, READ_DEC, READ_NOV, SECONDARY,
    UNCONFIRMED, VERIFIED, YES, cred, fact, wa_any_category, wa_credentialing_deadline,
    wa_first_six,
)

CONTRACTING = "https://www.regence.com/provider/contracting-credentialing/contracting"
OR_CREDENTIALING = "http://www.or.regence.com/provider/contracts-credentialing/credentialing/"
WA_LMP_MANUAL = ("http://www.wa.regence.com/provider/library/manual/administrative-manual/"
                 "alternative-care/massage/index.html")
PHYSICAL_MEDICINE = "https://www.regence.com/web/regence_provider/physical-medicine-and-therapies"
UMP_PM_2020 = "https://www.regence.com/web/regence_provider/physical-medicine"
PAYMENT = "https://www.regence.com/provider/claims-payment/payment"
WSMTA_AMENDMENT = "https://www.mywsmta.org/page-1075463"
WSMTA_REVIEW = "https://www.mywsmta.org/CPP-News/12710544"
WSMTA_AUDIT = "https://mywsmta.org/CPP-News"
UMP = "https://www.mywsmta.org/clinical-practices"
PRIOR_AUTH_2017 = "https://docsbay.net/understanding-prior-authorizations-regence-blue-shield"
ASURIS = "https://asuris.com/provider/contracting-credentialing/credentialing"
UMP_PLAN = "Uniform Medical Plan"
# The codes UMP's Physical Medicine program puts behind eviCore authorization after six visits
# (WSMTA's copy of the 2020 list); 97124 and 97140 are not on it.
UMP_AFTER_SIX = (
    "92507", "92508", "92521", "92522", "92523", "92524", "92526", "92597", "92607", "92608",
    "92609", "92610", "92626", "92627", "92630", "92633", "95851", "95852", "96105", "97012",
    "97014", "97016", "97018", "97022", "97024", "97026", "97028", "97032", "97033", "97034",
    "97035", "97036", "97039", "97110", "97112", "97113", "97116", "97129", "97130", "97139",
    "97150", "97161-97168", "97530", "97542", "97750", "97755", "97760", "97761", "97763",
    "97799", "G0151", "G0152", "G0157", "G0158", "G0159", "G0160", "G0283", "S8950", "S9128",
    "S9129", "S9131", "S9152",
)
WA = ("WA",)


def _wa_lmp(**kw) -> dict:
    """Where a Washington LMP-manual rule comes from (Regence's older, undated manual page)."""
    return dict(source=WA_LMP_MANUAL, read=READ_DEC, confidence=CONFIRMED, states=WA, **kw)


BILLING = dict(
    code_rules=(
        CodeRule(codes=("99202-99499",), paid=False,
                 text="CPT codes such as E&M codes are not payable to licensed massage "
                      "practitioners (nor to PT, OT or speech therapists).",
                 **_wa_lmp(note="99202-99499 is credtrack's range for 'E&M codes' (CPT's "
                                "evaluation and management section)")),
        CodeRule(codes=("98940-98943",), paid=False,
                 text="Chiropractic manipulation codes are payable only to chiropractors.",
                 **_wa_lmp(note="98940-98943: the CPT chiropractic manipulative treatment "
                                "codes (credtrack's mapping of the manual's words)")),
        CodeRule(codes=("98925-98929",), paid=False,
                 text="Osteopathic manipulation codes are payable only to MDs, DOs, ARNPs and "
                      "NDs.",
                 **_wa_lmp(note="98925-98929: the CPT osteopathic manipulative treatment "
                                "codes (credtrack's mapping of the manual's words)")),
    ),
    limits=(
        Limit(max=4, unit="units", per="date-of-service",
              text="A total of four units of modalities/procedures per date of service.",
              **_wa_lmp(note="the stored copy of the manual is cut off after this sentence; "
                             "check the current manual for exceptions")),
        Limit(max=16, unit="visits", per="calendar-year", plan=UMP_PLAN, states=WA,
              text="Up to 16 massage therapy visits per calendar year for covered diagnoses "
                   "with a preferred provider (visits paid before the deductible count).",
              source=UMP, read=READ_DEC, confidence=CONFIRMED),
    ),
    referrals=(
        ReferralRule(
            required=True, kind="prescription", prescribers=("physician",),
            must_state=("diagnosis",), on_file=True,
            text="A physician must diagnose a medical condition that has resulted in "
                 "functional loss, for which rehabilitation therapy is prescribed; keep the "
                 "prescription on file in your office (it is not sent with the claim). Any "
                 "required referral and the member's contract limits also apply.",
            **_wa_lmp()),
        ReferralRule(required=True, kind="prescription", plan=UMP_PLAN, states=WA,
                     text="Uniform Medical Plan massage needs a prescription.",
                     source=UMP, read=READ_DEC, confidence=CONFIRMED),
    ),
    authorizations=(
        wa_first_six(),
        AuthRule(
            required=True, after_visits=6, codes=UMP_AFTER_SIX, exempt_codes=("97124", "97140"),
            vendor="eviCore", plan=UMP_PLAN, states=WA,
            text="From 2020-03-01 the Physical Medicine program's codes, including 97112 and "
                 "97530, need eviCore pre-authorization for more than six visits per injury or "
                 "episode; 97124 and 97140 are not subject to it (use Availity's "
                 "pre-authorization tool).",
            source=UMP, read=READ_DEC, source_date="2020-03-01", confidence=CONFIRMED,
            note="members aged 17 and younger: select pediatric diagnosis codes are excluded"),
        AuthRule(
            required=True, vendor="eviCore", within_days=7,
            text="Regence's Physical Medicine program: massage needs an eviCore notification, "
                 "submitted within seven days of the initial visit; have the approved "
                 "notification at least four days before submitting the claim.",
            source=PHYSICAL_MEDICINE, read=READ_DEC, confidence=CONFIRMED,
            note="in Washington the evaluation and first six visits of a new episode fall "
                 "under RCW 48.43.016 (law rules win for the visits they cover); the 2017 "
                 "guide's 'approved within 7 days after the first visit' is stale there"),
    ),
)

RULES = PayerRules(
    id="regence",
    name="Regence BlueShield",
    kind="blue-plan",
    provider_types=("massage-therapist",),
    states=("WA", "OR", "ID", "UT"),
    credentialing=(
        cred(YES, "Regence contracts licensed massage practitioners in Washington and bills "
             "them under its LMP billing guidelines.", WA_LMP_MANUAL, states=WA),
    ),
    documents=(
        DocumentRequirement(
            "license", "State license", per_state=True,
            note="Oregon: only applicants licensed in Oregon and Clark County, Washington, in "
                 "specialties Regence recognizes, are considered",
            source=OR_CREDENTIALING, confidence=CONFIRMED, read=READ_DEC),
        DocumentRequirement(
            "irs-ein-letter", "IRS CP 575 or 147C letter",
            note="proxy: Asuris Northwest Health (same Cambia family) asks for it; not "
                 "confirmed for Regence", source=ASURIS, confidence=UNCONFIRMED, read=READ_NOV,
            source_date="2024"),
    ),
    caqh_required=False,
    route="portal",
    route_address=CONTRACTING,
    turnaround_days=None,
    followup_days=FOLLOWUP_DAYS,
    first_followup_days=FIRST_FOLLOWUP_DAYS,
    escalate_after_days=None,
    recredential_months=None,
    facts=(
        fact("route", "All providers must be credentialed before they can participate; all "
             "onboarding tasks, including Availity Essentials registration and EFT "
             "enrollment, must be done before agreements are issued; agreements are signed by "
             "DocuSign by an authorized officer (not the clinic name).", CONTRACTING),
        fact("contract", "Within 10 business days of signing you are loaded as participating "
             "and told your effective date; claims before it are processed out of network.",
             CONTRACTING),
        fact("route", "Oregon: credentialing criteria first, then an application by eApply "
             "online or a faxed paper application, then the Provider Center and eContracting.",
             OR_CREDENTIALING, states=("OR",)),
        fact("payment", "Claims must be submitted electronically and paid by EFT.", PAYMENT),
        fact("turnaround", "Regence publishes no credentialing turnaround; its sister plan "
             "Asuris says 30-60 days (a proxy, not Regence's statement).", ASURIS,
             read=READ_NOV, date="2024", confidence=UNCONFIRMED),
        fact("recredentialing", "Regence's pages state no recredentialing cycle: unknown.",
             CONTRACTING, confidence=CONFIRMED),
        wa_credentialing_deadline(),
        wa_any_category(),
        fact("billing", "Washington LMPs: bill current CPT codes with units of service on the "
             "CMS-1500; services are paid under the member's outpatient rehabilitation (or "
             "neurodevelopmental) benefit and its limits.", WA_LMP_MANUAL, states=WA),
        fact("coverage", "Chiropractic, acupuncture and massage are not in UMP's Physical "
             "Medicine program (2020 announcement; see the code list for what is).",
             UMP_PM_2020, plan=UMP_PLAN, states=WA),
        fact("coverage", "Massage therapists are not Medicare-eligible providers: Regence "
             "Medicare Advantage plans do not cover their services.", PHYSICAL_MEDICINE,
             plan="Regence Medicare Advantage"),
        fact("history", "A 2017 guide said most Regence plans needed eviCore prior "
             "authorization for massage, approved within 7 days after the first visit, and "
             "that a prescription alone was not enough.", PRIOR_AUTH_2017, read=READ_NOV,
             date="2017-05-10", confidence=SECONDARY,
             note="stale in Washington since RCW 48.43.016"),
        fact("contract", "A Dec 2019 contract amendment (yearly audits on 15 days' notice, a "
             "dispute process) was filed 2019-12-26 and disapproved by the Insurance "
             "Commissioner on 2020-01-16.", WSMTA_AMENDMENT, read=READ_NOV, date="2020-04-27",
             states=WA),
        fact("contract", "WSMTA obtained a 13-page legal review of the 228-page 2022 Regence "
             "agreement.", WSMTA_REVIEW, read=READ_NOV, date="2022", confidence=SECONDARY,
             states=WA),
        fact("network", "WSMTA's Nov 2022 audit found only 176 of 1,078 Regence LMT directory "
             "listings actually taking Regence.", WSMTA_AUDIT, read=READ_NOV, date="2022-11",
             confidence=SECONDARY, states=WA),
    ),
    **BILLING,
    sources=(CONTRACTING, WA_LMP_MANUAL, PHYSICAL_MEDICINE, OR_CREDENTIALING, UMP, UMP_PM_2020,
             PAYMENT, ASURIS, PRIOR_AUTH_2017, WSMTA_AMENDMENT, WSMTA_REVIEW, WSMTA_AUDIT),
    verified=VERIFIED,
    confidence=CONFIRMED,
    notes="Whether Regence takes massage therapists in Oregon, Idaho or Utah is not stated in "
          "credtrack's sources: ask before applying there. " + CADENCE_NOTE,
)

