"""Original Medicare (Parts A and B): massage therapists cannot enroll.

The CMS-855I enrollment application lists the non-physician practitioner types that may enroll
and bill Medicare; massage therapists are not among them, and since 2005 their services cannot
be billed "incident to" a physician either. Medicare Advantage plans are separate.
"""

from credtrack.rules import CodeRule, PayerRules

from ._common import CONFIRMED, NO, READ_DEC, READ_NOV, SECONDARY, VERIFIED, YES, cred, fact

AMTA = "https://amtamassage.org/publications/massage-therapy-journal/advocacy-medicare-advantage"
CMS_855I = "http://foma.org/CMS855iForm.htm"
CMS_855I_COPY = "https://www.readkong.com/page/medicare-enrollment-application-physicians-5095043"
INCIDENT_TO = "https://www.massagetoday.com/mpacms/mt/article.php?id=13209"
QUALIFIED = "http://lymphactivist.org/faqs-lmts_and_medicare.php"
WHY = ("Original Medicare does not recognize massage therapists as providers who can enroll and "
       "bill, and it does not cover massage therapy.")
PT_OT = "OT and PT in private practice are on the CMS-855I list of practitioners who may enroll."
NBCC = "https://cms.nbcc.org/govtaffairs/newsroom/cms-releases-final-medicare-pfsr"
MHC = ("Mental health counselors (and marriage and family therapists) are Medicare Part B "
       "provider types from 2024-01-01 (Consolidated Appropriations Act 2023, Div. FF s. 4121; "
       "CY2024 physician fee schedule final rule), licensed in the state where they serve and "
       "with 2 years or 3,000 hours of post-master's supervised experience.")

RULES = PayerRules(
    id="medicare",
    name="Original Medicare (Parts A and B)",
    kind="medicare",
    provider_types=("physical-therapist", "occupational-therapist", "counselor"),
    excluded_reason=WHY,
    credentialing=(
        cred(NO, WHY, CMS_855I, read=READ_NOV),
        cred(YES, PT_OT, CMS_855I, provider_type="physical-therapist", read=READ_NOV),
        cred(YES, PT_OT, CMS_855I, provider_type="occupational-therapist", read=READ_NOV),
        cred(YES, MHC, NBCC, provider_type="counselor", read=READ_DEC, date="2023",
             confidence=SECONDARY),
    ),
    code_rules=(
        CodeRule(codes=("97140",), paid=False,
                 text="Since March 2005, therapy services 'incident to' a physician cannot be "
                      "billed for LMTs under physical-medicine codes such as 97140.",
                 source=INCIDENT_TO, read=READ_NOV, source_date="2005", confidence=SECONDARY),
    ),
    documents=(),
    route="none",
    followup_days=14,
    recredential_months=None,
    facts=(
        fact("credentialing", "The CMS-855I list: anesthesiology assistant, audiologist, CNM, "
             "CRNA, CNS, clinical social worker, mass-immunization roster biller, NP, OT and PT "
             "in private practice, PA, psychologist, registered dietitian. No CMS page says "
             "'LMTs cannot enroll' in so many words; the conclusion rests on that list.",
             CMS_855I, read=READ_NOV, note=f"copy: {CMS_855I_COPY}"),
        fact("coverage", "Original Medicare does not cover massage therapy.", AMTA,
             read=READ_NOV),
        fact("law", "Qualified-personnel rules: 42 CFR 484.4; Medicare Benefit Policy Manual, "
             "Pub 100-02, Ch. 15 §220.", QUALIFIED, read=READ_NOV, confidence=SECONDARY),
        fact("coverage", "Medicare Advantage plans may cover massage as a supplemental "
             "benefit (see medicare-advantage).", AMTA, read=READ_DEC, confidence=CONFIRMED),
    ),
    sources=(CMS_855I, AMTA, INCIDENT_TO, QUALIFIED, CMS_855I_COPY, NBCC),
    verified=VERIFIED,
    confidence=CONFIRMED,
)
