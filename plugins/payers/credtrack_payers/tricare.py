"""TRICARE: massage therapists are not TRICARE-authorized providers.

TRICARE pays only TRICARE-authorized providers (32 CFR 199.6), and the TRICARE Policy Manual's
list of individual professional providers does not include massage therapists.
"""

from credtrack.rules import CONFIRMED, PayerRules

from ._common import VERIFIED

AUTHORIZED = ("https://manuals.health.mil/pages/DisplayManualHtmlFile/2022-01-14/AsOf/TP15/"
              "c11s12_1.html")
INDIVIDUAL_PROVIDERS = ("https://manuals.health.mil/pages/DisplayManualHtmlFile/2022-08-03/AsOf/"
                        "TP15/C11S1_1.html")
EXCLUSIONS = "https://manuals.health.mil/pages/DisplayManualHtmlFile/TP15/74/AsOf/TP15/C1S1_2.html"
STANDALONE = ("https://goodhandsmassagetherapy.com/tricare-massage-therapy-coverage-for-military-"
              "families-what-you-need-to-know")
TRIWEST = "https://www.rushcredentialing.com/navigating-the-tricare-west-triwest-credentialing-journey/"

RULES = PayerRules(
    id="tricare",
    name="TRICARE",
    kind="military",
    provider_types=(),
    excluded_reason=("TRICARE pays only TRICARE-authorized providers, and massage therapists are "
                     "not on its list of authorized individual professional providers."),
    documents=(),
    route="none",
    followup_days=14,
    recredential_months=None,
    sources=(INDIVIDUAL_PROVIDERS, AUTHORIZED, EXCLUSIONS, STANDALONE, TRIWEST),
    verified=VERIFIED,
    confidence=CONFIRMED,
    notes=(
        "The TRICARE Policy Manual list of individual professional providers (Ch. 11 §1.1, rev. "
        "C-62, 2020) covers MD/DO, dentists and allied professionals such as clinical "
        "psychologists, optometrists, podiatrists, nurse midwives, nurse practitioners, "
        "clinical social workers, physician assistants, CRNAs, 'other individual paramedical "
        "providers' and RNs; massage therapists are not named (the reference calls this "
        "practically confirmed). Services from unauthorized providers and services that are "
        "not medically necessary are excluded (Ch. 1 §1.2); standalone massage is excluded "
        "(secondary). TRICARE West moved to TriWest on 1/1/2025. VA Community Care is a "
        "different program that does cover VA-approved massage (see va-ccn-optum, "
        "va-ccn-triwest)."
    ),
)
