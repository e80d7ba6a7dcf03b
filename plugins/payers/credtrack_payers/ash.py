"""American Specialty Health (ASH Networks / ASH Group): CAM benefit manager for health plans.

ASH contracts state-licensed massage therapists (no fees, non-exclusive) and runs the massage,
acupuncture and physical-therapy benefits of plans such as the Aetna Medicare PPO of the Rural
Carrier Benefit Plan, SCAN, Health Net Oregon and Cigna. ``Join.aspx`` is ASH's FAQ about
joining, not an application portal; ASH publishes no recredentialing cycle, document list or
turnaround, so those are unknown here (the $1M/$3M and W-9 items are CAM-network norms).
"""

from credtrack.rules import DocumentRequirement, PayerRules, ReferralRule

from ._common import (
    CADENCE_NOTE, CONFIRMED, FIRST_FOLLOWUP_DAYS, FOLLOWUP_DAYS, READ_DEC, READ_NOV, SECONDARY,
    UNCONFIRMED, YES, VERIFIED, cred, fact,
)

JOIN = "https://ashlink.com/ASH/public/Providers/Network/Join.aspx"
RCBP = "https://rcbphealth.com/retirement-massage-benefit/"
APTA = "https://www.apta.org/news/2023/05/26/ash-expansion"
HEALTH_NET_OR = ("https://www.healthnetoregon.com/members/group/find-a-doctor/"
                 "alternative-care-search.html")
SCAN = ("https://www.scanhealthplan.com/supplemental-benefits/"
        "routine-acupuncture-and-or-chiropractic-benefit")
NONPAR = "https://ashlink.com/ASH/public/Members/NonParticipatingPhysicalMed.aspx"
LANDMARK = ("https://vdocuments.net/acupuncture-network-participation-packet-submission-"
            "checklist-uni-checklist.html")
ACUCARE = "http://acucare.com/acupuncturists/join-acu-care/"
FEP_2001 = "http://www.massagetoday.com/mpacms/mt/article.php?t=38&id=10203"
PRIVACY = "https://ashlink.com/ASH/public/disclaimers/privacystatement.aspx"

RULES = PayerRules(
    id="ash",
    name="American Specialty Health (ASH Networks / ASH Group)",
    kind="network",
    provider_types=("massage-therapist", "physical-therapist", "occupational-therapist"),
    credentialing=(
        cred(YES, "ASH-managed massage benefits are given by state-licensed massage "
             "therapists in ASH's network; ASH contracts practitioners directly.", RCBP),
        *(cred(YES, "Freestanding PT/OT providers in Cigna's ASH states must contract with ASH "
               "(2023).", APTA, provider_type=t, read=READ_NOV, date="2023-05-26")
          for t in ("physical-therapist", "occupational-therapist")),
    ),
    documents=(
        DocumentRequirement(
            "license", "State massage therapist license", per_state=True,
            note="ASH-managed massage benefits must be given by a state-licensed massage "
                 "therapist", source=RCBP, confidence=CONFIRMED, read=READ_DEC),
        DocumentRequirement(
            "other", "ASH services agreement",
            note="binds you to ASH's Operations Manual, Clinical Practice Guidelines and "
                 "Clinical Performance System", source=JOIN, confidence=CONFIRMED,
            read=READ_DEC),
        DocumentRequirement(
            "liability-coi", "Professional liability certificate",
            min_per_claim=1_000_000, min_aggregate=3_000_000,
            note="not an ASH statement: $1M/$3M is the usual floor in CAM networks (Landmark, "
                 "ACU-CARE); confirm with ASH", source=LANDMARK, confidence=UNCONFIRMED,
            read=READ_NOV),
        DocumentRequirement(
            "w9", "W-9", note="not an ASH statement: a usual CAM-network packet item (Landmark, "
            "ACU-CARE); confirm with ASH", source=ACUCARE, confidence=UNCONFIRMED,
            read=READ_NOV),
    ),
    referrals=(
        ReferralRule(
            required=False, kind="treatment-plan", plan="SCAN Health Plan",
            text="SCAN's ASH massage benefit is self-referred; after the first visit the ASH "
                 "provider submits a treatment plan to ASH, and further visits follow its "
                 "approval.", source=SCAN, read=READ_DEC, confidence=CONFIRMED),
        ReferralRule(
            required=True, kind="medical-necessity-review", prescribers=("physician",),
            plan="Aetna Medicare PPO (Rural Carrier Benefit Plan)",
            text="The physician sends ASH a Medical Necessity Review form; ASH decides within "
                 "14 business days; up to 50 visits a year, $0 copay.",
            source=RCBP, read=READ_DEC, confidence=CONFIRMED),
        ReferralRule(
            required=False, kind="referral", plan="Health Net Oregon",
            text="No PCP referral is needed to see a participating provider.",
            source=HEALTH_NET_OR, read=READ_NOV, confidence=CONFIRMED, states=("OR",)),
    ),
    caqh_required=False,
    route="phone",
    route_address="888-511-2743 (information and application line for non-contracted "
                  "providers, as APTA gives it for the 2023 Cigna PT/OT move)",
    turnaround_days=None,
    followup_days=FOLLOWUP_DAYS,
    first_followup_days=FIRST_FOLLOWUP_DAYS,
    escalate_after_days=None,
    recredential_months=None,
    phone="888-511-2743",
    facts=(
        fact("route", "Join.aspx is ASH's FAQ about joining, not an application portal: no "
             "fee, non-exclusive, ASH processes every application and does not deny on "
             "geography, but does not actively recruit where it has enough providers.", JOIN),
        fact("route", "Phone lines from APTA's Cigna PT/OT notice: 888-511-2743 (information "
             "and application for non-contracted providers), 888-599-1771 ('statewide provider "
             "application'; the number Premera gives for CAQH ProView support, which hints at "
             "a CAQH application: unconfirmed).", APTA, read=READ_DEC, date="2023-05-26"),
        fact("recredentialing", "ASH states no recredentialing cycle: unknown (the NCQA "
             "standard for accredited plans is not ASH's statement; ask ASH).", JOIN,
             confidence=CONFIRMED),
        fact("contract", "Contracted providers are bound by a services agreement, the "
             "Operations Manual, Clinical Practice Guidelines and the Clinical Performance "
             "System.", JOIN),
        fact("coverage", "Massage is covered only when medically necessary as ASH determines, "
             "never for comfort or relaxation (Aetna Medicare PPO of the Rural Carrier Benefit "
             "Plan).", RCBP),
        fact("network", "ASHLink's public site serves prospective and contracted practitioners "
             "(clinical practice guidelines, Clinical Quality Assurance, claims forms).",
             PRIVACY, read=READ_NOV, date="2020-01-01"),
        fact("network", "BCBS FEP members have had discounted (not covered) access to an ASH "
             "network of massage therapists since 2001.", FEP_2001, read=READ_NOV,
             date="2009-05-29", confidence=SECONDARY),
        fact("billing", "Non-participating providers' claims need records for codes on ASH's "
             "CPT list.", NONPAR, read=READ_DEC),
    ),
    sources=(JOIN, RCBP, SCAN, HEALTH_NET_OR, APTA, NONPAR, LANDMARK, ACUCARE, FEP_2001,
             PRIVACY),
    verified=VERIFIED,
    confidence=SECONDARY,
    notes="Ask ASH for its credentialing documents, liability limits, turnaround and "
          "recredentialing cycle when you call, and record the dates it gives. " + CADENCE_NOTE,
)
