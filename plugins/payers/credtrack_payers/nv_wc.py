"""Nevada workers' compensation: licensed massage therapists cannot bill physical medicine.

NAC 616C.141: treatment billed under CPT 97001-97799 or 98925-98943 must be given by a licensed
physical therapist or assistant, occupational therapist or assistant, physician, chiropractor
or certified chiropractor's assistant. Massage therapists are not on the list.
"""

from credtrack.rules import CodeRule, PayerRules

from ._common import NO, READ_DEC, VERIFIED, YES, cred, fact

NAC_616C_141 = ("https://d1tvxue8o4w0fl.cloudfront.net/regulation/nevada-administrative-code/"
                "chapter-616c-industrial-insurance-benefits-for-injury-or-death/"
                "determination-and-payment-of-benefits/accident-benefits/section-616c141-"
                "requirements-for-programs-of-treatment-billed-under-certain-codes-use-of-codes-"
                "in-billing-contents-of-bills-for-certain-office-visits")
WHY = ("Nevada workers' compensation lets only PTs, OTs, their assistants, physicians, "
       "chiropractors and chiropractor's assistants bill the physical-medicine codes "
       "(97001-97799, 98925-98943); massage therapists are not on the list (NAC 616C.141).")
LISTED = "Listed in NAC 616C.141 among those who may bill 97001-97799 and 98925-98943."

RULES = PayerRules(
    id="nv-wc",
    name="Nevada workers' compensation",
    kind="workers-comp",
    provider_types=("physical-therapist", "occupational-therapist"),
    states=("NV",),
    excluded_reason=WHY,
    credentialing=(
        cred(NO, WHY, NAC_616C_141, date="2024-12-12"),
        cred(YES, LISTED, NAC_616C_141, provider_type="physical-therapist", date="2024-12-12"),
        cred(YES, LISTED, NAC_616C_141, provider_type="occupational-therapist",
             date="2024-12-12"),
    ),
    code_rules=(
        CodeRule(codes=("97001-97799", "98925-98943"), paid=False,
                 text="Only PTs/PTAs, OTs/OTAs, physicians, chiropractors and certified "
                      "chiropractor's assistants may give treatment billed under these codes.",
                 source=NAC_616C_141, read=READ_DEC, source_date="2024-12-12"),
    ),
    documents=(),
    route="none",
    recredential_months=None,
    facts=(
        fact("referral", "A prescription for such treatment must be written and state the "
             "modalities, the body areas and the frequency (for the providers who may bill).",
             NAC_616C_141, date="2024-12-12"),
    ),
    sources=(NAC_616C_141,),
    verified=VERIFIED,
)
