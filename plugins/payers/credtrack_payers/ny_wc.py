"""New York workers' compensation (Workers' Compensation Board): LMTs are not authorized.

Under WCL §13-b nobody may treat under the law without authorization by the Board's chair, and
licensed massage therapists are not among the professions that can be authorized.
"""

from credtrack.rules import CONFIRMED, PayerRules

from ._common import VERIFIED

WCL_13B = "https://nysenate.gov/legislation/laws/WKC/13-B"
ELIGIBLE = "https://kb.daisybill.com/articles/authorization-4c5667db-b542-41aa-bf28-51a0509aff38"
EXPANDED = "http://docs.paidfamilyleave.ny.gov/expanded-provider-law/"
EVEVSKY = "https://print.casetext.com/case/in-the-matter-of-evevsky-v-liberty-mut-group"
RENZI = "http://ecases.us/case/nyappdiv/c1212353/renzi-v-case-manangement-concepts"
SB_2612 = ("https://massage.chat/threads/ny-bill-could-include-massage-therapists-as-comp-"
           "providers-business-insurance.331842")

RULES = PayerRules(
    id="ny-wc",
    name="New York Workers' Compensation Board",
    kind="workers-comp",
    provider_types=("physical-therapist", "occupational-therapist"),
    states=("NY",),
    excluded_reason=("New York workers' compensation pays only providers authorized by the "
                     "Workers' Compensation Board, and massage therapists cannot be authorized."),
    documents=(),
    route="none",
    followup_days=14,
    recredential_months=None,
    sources=(WCL_13B, ELIGIBLE, EVEVSKY, RENZI, EXPANDED, SB_2612),
    verified=VERIFIED,
    confidence=CONFIRMED,
    notes=(
        "Authorization-eligible licensees: acupuncturists, chiropractors, nurse practitioners, "
        "OTs, PTs, physicians, PAs, podiatrists, psychologists and social workers; the "
        "Expanded Provider Law took effect 1/1/2020. Case law: in Evevsky v. Liberty Mut. "
        "Group (3d Dept 2004) an LMT's treatment was not compensable because the LMT was not "
        "authorized and did not work under an authorized physician's active, personal "
        "supervision; in Renzi "
        "v. Case Management Concepts (2009) payment was allowed where the LMT worked under a "
        "physician's personal supervision with a prescription. Bill S.B. 2612 would add LMTs "
        "as providers (proposed only). New York no-fault (auto) handling of LMT massage is "
        "unconfirmed."
    ),
)
