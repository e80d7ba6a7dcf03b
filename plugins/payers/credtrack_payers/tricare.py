"""TRICARE: massage therapists are not TRICARE-authorized providers.

TRICARE pays only TRICARE-authorized providers (32 CFR 199.6), and the TRICARE Policy Manual's
list of individual professional providers does not include massage therapists.
"""

from credtrack.rules import PayerRules

from ._common import NO, READ_NOV, SECONDARY, VERIFIED, CONFIRMED, cred, fact

AUTHORIZED = ("https://manuals.health.mil/pages/DisplayManualHtmlFile/2022-01-14/AsOf/TP15/"
              "c11s12_1.html")
INDIVIDUAL_PROVIDERS = ("https://manuals.health.mil/pages/DisplayManualHtmlFile/2022-08-03/AsOf/"
                        "TP15/C11S1_1.html")
EXCLUSIONS = "https://manuals.health.mil/pages/DisplayManualHtmlFile/TP15/74/AsOf/TP15/C1S1_2.html"
STANDALONE = ("https://goodhandsmassagetherapy.com/tricare-massage-therapy-coverage-for-military-"
              "families-what-you-need-to-know")
TRIWEST = "https://www.rushcredentialing.com/navigating-the-tricare-west-triwest-credentialing-journey/"
WHY = ("TRICARE pays only TRICARE-authorized providers, and massage therapists are not on its "
       "list of authorized individual professional providers.")

RULES = PayerRules(
    id="tricare",
    name="TRICARE",
    kind="military",
    provider_types=(),
    excluded_reason=WHY,
    credentialing=(cred(NO, WHY, INDIVIDUAL_PROVIDERS, read=READ_NOV, date="2020"),),
    documents=(),
    route="none",
    followup_days=14,
    recredential_months=None,
    facts=(
        fact("credentialing", "The Policy Manual's list of individual professional providers "
             "(Ch. 11 §1.1, rev. C-62) covers MD/DO, dentists and allied professionals such as "
             "clinical psychologists, optometrists, podiatrists, nurse midwives, NPs, clinical "
             "social workers, PAs, CRNAs, 'other individual paramedical providers' and RNs; "
             "massage therapists are not named.", INDIVIDUAL_PROVIDERS, read=READ_NOV,
             date="2020"),
        fact("law", "Benefits must come from TRICARE-authorized providers (32 CFR 199.6).",
             AUTHORIZED, read=READ_NOV, date="2022-01-14"),
        fact("coverage", "Services from unauthorized providers and services that are not "
             "medically necessary are excluded.", EXCLUSIONS, read=READ_NOV),
        fact("coverage", "Standalone massage is excluded.", STANDALONE, read=READ_NOV,
             confidence=SECONDARY),
        fact("history", "TRICARE West moved to TriWest on 2025-01-01.", TRIWEST, read=READ_NOV,
             confidence=SECONDARY),
    ),
    sources=(INDIVIDUAL_PROVIDERS, AUTHORIZED, EXCLUSIONS, STANDALONE, TRIWEST),
    verified=VERIFIED,
    confidence=CONFIRMED,
)
