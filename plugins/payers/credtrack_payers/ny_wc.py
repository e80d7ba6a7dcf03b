"""New York workers' compensation (Workers' Compensation Board): LMTs are not authorized.

Under WCL §13-b nobody may treat under the law without authorization by the Board's chair, and
licensed massage therapists are not among the professions that can be authorized. Bills to add
them have been filed since 2020 (S5421 vetoed; S2138 passed both houses in 2022; S6651 in
2023-24; S4612 in 2025); none is law.
"""

from credtrack.rules import PayerRules

from ._common import CONFIRMED, NO, READ_DEC, READ_NOV, SECONDARY, VERIFIED, YES, cred, fact

WCL_13B = "https://nysenate.gov/legislation/laws/WKC/13-B"
ELIGIBLE = "https://kb.daisybill.com/articles/authorization-4c5667db-b542-41aa-bf28-51a0509aff38"
EXPANDED = "http://docs.paidfamilyleave.ny.gov/expanded-provider-law/"
EVEVSKY = "https://print.casetext.com/case/in-the-matter-of-evevsky-v-liberty-mut-group"
RENZI = "http://ecases.us/case/nyappdiv/c1212353/renzi-v-case-manangement-concepts"
S5421 = "https://legiscan.com/NY/text/S05421/2019"
S2138 = "https://www.nysenate.gov/legislation/bills/2021/S2138"
S4612 = "https://nysenate.gov/legislation/bills/2025/S4612"
WHY = ("New York workers' compensation pays only providers authorized by the Workers' "
       "Compensation Board, and massage therapists cannot be authorized.")
AUTHORIZED = "Physical and occupational therapists can be authorized by the Board."

RULES = PayerRules(
    id="ny-wc",
    name="New York Workers' Compensation Board",
    kind="workers-comp",
    provider_types=("physical-therapist", "occupational-therapist"),
    states=("NY",),
    excluded_reason=WHY,
    credentialing=(
        cred(NO, WHY, WCL_13B, read=READ_NOV),
        cred(YES, AUTHORIZED, ELIGIBLE, provider_type="physical-therapist", read=READ_NOV),
        cred(YES, AUTHORIZED, ELIGIBLE, provider_type="occupational-therapist", read=READ_NOV),
    ),
    documents=(),
    route="none",
    followup_days=14,
    recredential_months=None,
    facts=(
        fact("credentialing", "Authorization-eligible licensees: acupuncturists, "
             "chiropractors, NPs, OTs, PTs, physicians, PAs, podiatrists, psychologists and "
             "social workers.", ELIGIBLE, read=READ_NOV, confidence=SECONDARY),
        fact("law", "The Expanded Provider Law took effect 2020-01-01 (it did not add LMTs).",
             EXPANDED, read=READ_NOV, date="2020-01-01"),
        fact("law", "Evevsky v. Liberty Mut. Group, 11 AD3d 778 (3d Dept 2004): an LMT's "
             "treatment was not compensable; the LMT was not authorized and not under an "
             "authorized physician's active, personal supervision.", EVEVSKY, read=READ_NOV,
             date="2004"),
        fact("law", "Renzi v. Case Management Concepts (2009): payment allowed where the LMT "
             "worked under a physician's personal supervision with a prescription.", RENZI,
             read=READ_NOV, date="2009"),
        fact("history", "S5421 (to add LMTs) was vetoed on 2020-11-27.", S5421,
             date="2020-11-27"),
        fact("history", "S2138 passed both houses on 2022-05-16 (not law).", S2138,
             date="2022-05-16"),
        fact("history", "Reintroduced as S6651 (2023-24) and S4612 (referred to the Senate "
             "Labor committee 2025-02-10); still not law.", S4612, date="2025-02-10"),
        fact("coverage", "How New York no-fault (auto) treats LMT massage is unconfirmed.",
             ELIGIBLE, read=READ_DEC, confidence=CONFIRMED),
    ),
    sources=(WCL_13B, ELIGIBLE, EVEVSKY, RENZI, EXPANDED, S5421, S2138, S4612),
    verified=VERIFIED,
    confidence=CONFIRMED,
)
