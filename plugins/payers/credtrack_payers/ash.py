"""American Specialty Health (ASH Networks / ASH Group): CAM benefit manager for health plans.

ASH contracts massage therapists directly (no fees, non-exclusive) and runs the massage,
acupuncture and physical-therapy benefits of plans such as Aetna Medicare PPO, Health Net
Oregon and Cigna. No ASH credentialing-criteria page was found: documents other than the
license and the services agreement are the usual CAM-network defaults, marked unconfirmed.
"""

from credtrack.rules import (
    CONFIRMED, SECONDARY, UNCONFIRMED, DocumentRequirement, PayerRules,
)

from ._common import CADENCE_NOTE, FIRST_FOLLOWUP_DAYS, FOLLOWUP_DAYS, NCQA_36, VERIFIED

JOIN = "https://ashlink.com/ASH/public/Providers/Network/Join.aspx"
RCBP = "https://rcbphealth.com/retirement-massage-benefit/"
APTA = "https://www.apta.org/news/2023/05/26/ash-expansion"
HEALTH_NET_OR = ("https://www.healthnetoregon.com/members/group/find-a-doctor/"
                 "alternative-care-search.html")

RULES = PayerRules(
    id="ash",
    name="American Specialty Health (ASH Networks / ASH Group)",
    kind="network",
    provider_types=("massage-therapist", "physical-therapist", "occupational-therapist"),
    documents=(
        DocumentRequirement(
            "license", "State massage therapist license", per_state=True,
            note="ASH-managed massage benefits must be given by a state-licensed massage "
                 "therapist",
            source=RCBP, confidence=CONFIRMED,
        ),
        DocumentRequirement(
            "other", "ASH services agreement",
            note="binds you to ASH's Operations Manual, Clinical Practice Guidelines and "
                 "Clinical Performance System",
            source=JOIN, confidence=CONFIRMED,
        ),
        DocumentRequirement(
            "liability-coi", "Professional liability certificate",
            min_per_claim=1_000_000, min_aggregate=3_000_000,
            note="not from an ASH source: $1M/$3M is the usual floor in CAM networks "
                 "(Landmark, ACU-CARE, Chiropractic Care of Minnesota); confirm with ASH",
            confidence=UNCONFIRMED,
        ),
        DocumentRequirement(
            "w9", "W-9",
            note="not from an ASH source: the usual CAM-network packet item; confirm with ASH",
            confidence=UNCONFIRMED,
        ),
    ),
    caqh_required=False,
    route="portal",
    route_address=JOIN,
    turnaround_days=None,
    followup_days=FOLLOWUP_DAYS,
    first_followup_days=FIRST_FOLLOWUP_DAYS,
    escalate_after_days=None,
    recredential_months=36,
    phone="888-511-2743",
    sources=(JOIN, RCBP, HEALTH_NET_OR, APTA, "https://hhamd.com/cigna/",
             "https://web.nmusd.us/cignawellness",
             "http://www.massagetoday.com/mpacms/mt/article.php?t=38&id=10203", NCQA_36),
    verified=VERIFIED,
    confidence=SECONDARY,
    notes=(
        "ASH processes every application and does not deny on geography, but does not actively "
        "recruit where it already has enough providers; no fee to join, non-exclusive. "
        "Phone 888-511-2743 is the information/application line for non-contracted providers "
        "that APTA gives for the 2023 Cigna PT/OT move (its 'statewide provider application' "
        "line 888-599-1771 is the number Premera gives for CAQH ProView support, which hints "
        "at a CAQH or state-standard application: unconfirmed). Application method, "
        "turnaround, COI limits and CAQH use are not published in the reference; the 36-month "
        "recredentialing cycle "
        "is the NCQA default, not an ASH statement. "
        "Massage is covered only when medically necessary as ASH determines, never for comfort "
        "or relaxation: for Aetna Medicare PPO (e.g. Rural Carrier Benefit Plan, $0 copay, up "
        "to 50 visits a year) the physician sends ASH a Medical Necessity Review (MNR) form and "
        "ASH decides within 14 business days. Health Net Oregon members need no PCP referral. "
        "For Cigna (acupuncture from 2021, freestanding PT/OT in many states from Sept 2023) "
        "an ASH contract replaces the Cigna contract; Cigna HMO members ask whether you accept "
        "ASH, you may not collect more than the copay up front, and non-covered services need "
        "a signed Member Billing Acknowledgement Form. BCBS FEP members have had discounted "
        "(not covered) access to an ASH network of massage therapists since 2001. "
        + CADENCE_NOTE
    ),
)
