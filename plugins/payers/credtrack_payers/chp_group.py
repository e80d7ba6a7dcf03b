"""The CHP Group (formerly Complementary Healthcare Plans), Oregon: Kaiser Northwest's CAM network.

CHP contracts chiropractors, massage therapists, acupuncturists and naturopaths in Oregon and
is the network provider for Kaiser Permanente Northwest's therapeutic massage. You request an
application by online form or e-mail. Its documents, limits, CAQH use and turnaround are not
published in credtrack's sources; the Oregon-insurer items below are a 2014 proxy.
"""

from credtrack.rules import AuthRule, DocumentRequirement, PayerRules, ReferralRule

from ._common import (
    CADENCE_NOTE, CONFIRMED, FIRST_FOLLOWUP_DAYS, FOLLOWUP_DAYS, READ_DEC, READ_NOV, SECONDARY,
    UNCONFIRMED, VERIFIED, YES, cred, fact,
)

FAQ = "http://www.chpgroup.com/for-providers/network-provider-faqs.php"
BLOG = "http://www.chpgroup.com/blog"
KP_NW_EOC = ("https://relayto.com/relayto/kaiser-permanente-nw-classic-eoc-2024-wevoz4c29botw/"
             "9Xee4afK59")
OREGON_2014 = "https://ihpcmassage.wordpress.com/2014/06/"
HISTORY_2001 = "http://www.massagetoday.com/mpacms/mt/article.php?t=38&id=10203"
BEARHEART = "https://bearheartbodywork.com/insurance"
PROXY = "proxy: what Oregon insurers generally asked LMTs for in 2014, not a CHP statement"


def _proxy(kind: str, label: str, **kw) -> DocumentRequirement:
    return DocumentRequirement(kind, label, note=PROXY, source=OREGON_2014,
                               confidence=UNCONFIRMED, read=READ_NOV, source_date="2014-06",
                               **kw)


RULES = PayerRules(
    id="chp-group",
    name="The CHP Group",
    kind="network",
    provider_types=("massage-therapist",),
    states=("OR", "WA"),
    credentialing=(
        cred(YES, "CHP recruited massage therapists in Oregon (about 2015) and is Kaiser "
             "Northwest's network provider for therapeutic massage.", BLOG, read=READ_NOV),
    ),
    documents=(
        DocumentRequirement(
            "other", "Office Facility Questionnaire (OFQ) attestation",
            note="CHP reviews facilities by the OFQ plus random in-person site visits",
            source=FAQ, confidence=CONFIRMED, read=READ_DEC),
        _proxy("other", "Oregon Practitioner Credentialing Application (OPCA)"),
        _proxy("license", "Copy of your license", per_state=True),
        _proxy("liability-coi", "Copy of your liability/malpractice insurance"),
        _proxy("w9", "Signed W-9"),
    ),
    referrals=(
        ReferralRule(required=None, kind="referral",
                     text="Members mostly have direct access; a few contracts use a PCP "
                          "referral.", source=FAQ, read=READ_DEC, confidence=CONFIRMED),
    ),
    authorizations=(
        AuthRule(required=False, plan="Kaiser Permanente Northwest",
                 text="Kaiser Northwest: therapeutic massage from a participating provider "
                      "needs no prior authorization, up to the plan's visit limit.",
                 source=KP_NW_EOC, read=READ_NOV, source_date="2024", confidence=CONFIRMED),
    ),
    caqh_required=False,
    route="email",
    route_address="request an application by CHP's online form or by e-mail (chpgroup.com)",
    turnaround_days=None,
    followup_days=FOLLOWUP_DAYS,
    first_followup_days=FIRST_FOLLOWUP_DAYS,
    escalate_after_days=None,
    recredential_months=None,
    facts=(
        fact("route", "Applicants request an application by online form or e-mail; CHP "
             "recruited in Coastal, Southern, Central and Eastern Oregon (Roseburg, Bend, "
             "Pendleton, Astoria and others).", BLOG, read=READ_NOV,
             note="the blog is undated; adjacent posts are from 2015"),
        fact("contract", "Contracted providers get chart reviews against CHP's clinical "
             "record-keeping standards and free billing workshops.", FAQ),
        fact("network", "Kaiser Permanente Northwest names The CHP Group as its network "
             "provider for therapeutic massage.", KP_NW_EOC, read=READ_NOV, date="2024"),
        fact("network", "Portland clinics list 'Kaiser/CHP' as an in-network plan.", BEARHEART,
             read=READ_NOV, confidence=SECONDARY),
        fact("turnaround", "No CHP turnaround is published; Oregon insurers generally took "
             "about 30+ days in 2014 and might not say if they rejected you (proxy).",
             OREGON_2014, read=READ_NOV, date="2014-06", confidence=UNCONFIRMED),
        fact("history", "In 2001 CHP, a Portland PPO, contracted with Health Net Oregon for "
             "credentialed CAM networks including massage therapists.", HISTORY_2001,
             read=READ_NOV, date="2009-05-29", confidence=SECONDARY),
    ),
    sources=(FAQ, BLOG, KP_NW_EOC, OREGON_2014, HISTORY_2001, BEARHEART),
    verified=VERIFIED,
    confidence=SECONDARY,
    notes="Ask CHP for its current document list and turnaround when you request the "
          "application. " + CADENCE_NOTE,
)
