"""New Mexico: Massage Therapy Board (Regulation and Licensing Department)."""

from credtrack.rules import (
    CONFIRMED, FIRST_UNKNOWN, LICENSE, ONLINE, UNCONFIRMED, UNKNOWN, CECap, CERequirement,
    LiabilityMandate, RenewalRule, StateRules, SubjectMinimum,
)

EXPIRY = "https://srca.nm.gov/parts/title16/16.007.0012.html"
STATUTE = ("https://d1tvxue8o4w0fl.cloudfront.net/statute/new-mexico-statutes-1978/chapter-61-"
           "professional-and-occupational-licenses/article-12c-massage-therapy-practice/"
           "section-61-12c-17-repealed-effective-712028-license-renewal-continuing-education")
CE_GENERAL = ("https://casetext.com/regulation/new-mexico-administrative-code/title-16-"
              "occupational-and-professional-licensing/chapter-7-massage-therapists/part-11-"
              "continuing-education/section-167118-general-provisions")
CE_2026 = ("https://prod-rf-lambda.rtssaas.com/PublicFiles/d89c47bd0d70402dba89b03a22bda6d1/"
           "32dc17fc-c9c9-4574-9987-ff67595c6bf2/16.7.11amend.html")
CE_REQ = ("https://print.casetext.com/regulation/new-mexico-administrative-code/title-16-"
          "occupational-and-professional-licensing/chapter-7-massage-therapists/part-11-"
          "continuing-education/section-167119-continuing-education-requirements")
CPR = "https://srca.nm.gov/nmac/nmregister/xxxiii/16.7.4amend.html"

RULES = StateRules(
    code="NM",
    name="New Mexico",
    regulation=LICENSE,
    board="New Mexico Massage Therapy Board (Regulation and Licensing Department)",
    credential="Licensed Massage Therapist (LMT)",
    renewal=RenewalRule(
        basis=UNKNOWN, cycle_years=2, grace_days=60,
        text="October 31 every two years; whether your renewal falls in odd or even years is "
             "not confirmed: enter the expiry printed on your license",
        source=EXPIRY,
        confidence=UNCONFIRMED,
        note="16.7.12.8 NMAC: licenses expire annually or biennially on October 31 (schedule in "
             "16.7.4.20, not retrieved); NMSA 61-12C-17: biennial, 60-day grace period with a "
             "late fee.",
    ),
    ce=CERequirement(
        hours=16,
        subjects=(SubjectMinimum("ethics", 4, source=CE_REQ),),
        caps=(CECap(delivery=ONLINE, max_hours=8, source=CE_2026),),
        min_in_person_hours=8,
        first_period=FIRST_UNKNOWN,
        carry_over_max=0,
        text="16 hours within the 24 months before the October 31 renewal date: at least 4 "
             "ethics, at least 8 live in-person, at most 8 online; no carry-over; at least 10% "
             "audited",
        source=CE_2026,
        confidence=CONFIRMED,
        note="16.7.11.8 NMAC amended 2026-03-10 (NM Register XXXVII/5). Publication may count "
             "up to 12 hours.",
    ),
    liability=LiabilityMandate(required=None, text="not found", confidence=UNCONFIRMED),
    other_requirements=(
        "current CPR/AED (4 hours) and first aid (4 hours), taken in person and maintained "
        "current (16.7.4.10 NMAC)",
    ),
    document_kinds=("cpr", "first-aid"),
    sources=(
        CE_GENERAL,
        CE_REQ,
        EXPIRY,
        STATUTE,
        "https://casetext.com/regulation/new-mexico-administrative-code/title-16-occupational-"
        "and-professional-licensing/chapter-7-massage-therapists/part-5-requirements-for-"
        "schools/section-16758-requirements-for-registration",
        CPR,
        CE_2026,
    ),
    # the dates these sources show, as noted in the reference (states.csv, states-gaps.md)
    source_dates=(
        ('https://casetext.com/regulation/new-mexico-administrative-code/title-16-occupational-and-professional-licensing/chapter-7-massage-therapists/part-11-continuing-education/section-167118-general-provisions',
         'current through 2024-11-05'),
        ('https://srca.nm.gov/parts/title16/16.007.0012.html',
         'eff. 2019-11-16'),
        ('https://prod-rf-lambda.rtssaas.com/PublicFiles/d89c47bd0d70402dba89b03a22bda6d1/32dc17fc-c9c9-4574-9987-ff67595c6bf2/16.7.11amend.html',
         'NM Register XXXVII/5, 2026-03-10'),
    ),
    verified="2026-11-22",
    notes="The Massage Therapy Practice Act sunsets 2028-07-01. Board website not confirmed "
          "(rld.nm.gov).",
)
