"""Example Health Network: a fictional CAM network, to show what a payer plugin holds.

Every fact has a source and a confidence. This payer does not exist, so its sources are
placeholders on the reserved ``.example`` domain; a real plugin cites the payer's own pages
(`credtrack plugins check` warns about placeholders, and ``--strict`` fails on them).
"""

from credtrack import hookimpl
from credtrack.rules import (
    CONFIRMED, SECONDARY, UNCONFIRMED, YES, Credentialing, DocumentRequirement, Fact,
    PayerRules,
)

JOIN = "https://providers.example-health.example/join"
MANUAL = "https://providers.example-health.example/manual.pdf"
FAQ = "https://providers.example-health.example/faq"

RULES = PayerRules(
    id="example-health",
    name="Example Health Network (fictional)",
    kind="network",
    provider_types=("massage-therapist", "physical-therapist"),
    credentialing=(
        Credentialing(provider_type="massage-therapist", answer=YES,
                      text="The network contracts licensed massage therapists.", source=JOIN,
                      read="2026-11-22"),
    ),
    documents=(
        DocumentRequirement("license", "State massage therapist license", per_state=True,
                            source=MANUAL, confidence=CONFIRMED),
        DocumentRequirement("liability-coi", "Professional liability certificate",
                            min_per_claim=1_000_000, min_aggregate=3_000_000,
                            source=MANUAL, confidence=CONFIRMED),
        DocumentRequirement("w9", "W-9", source=JOIN, confidence=CONFIRMED),
        DocumentRequirement("cpr", "CPR certification", optional=True,
                            note="the FAQ asks for it; the manual does not",
                            source=FAQ, confidence=SECONDARY),
        DocumentRequirement("referral", "Physician referral", per_patient=True,
                            note="kept per patient, not sent to join",
                            source=MANUAL, confidence=CONFIRMED),
    ),
    caqh_required=True,
    route="caqh",
    route_address=JOIN,
    turnaround_days=60,
    followup_days=14,
    first_followup_days=14,
    escalate_after_days=75,
    recredential_months=36,
    phone="555-0100",
    facts=(
        Fact(topic="turnaround", text="The network answers within about 60 days.", source=FAQ,
             read="2026-11-22"),
        Fact(topic="recredentialing", text="Recredentialing every 36 months.", source=MANUAL,
             read="2026-11-22"),
    ),
    sources=(JOIN, MANUAL, FAQ),
    verified="2026-11-22",
    confidence=UNCONFIRMED,  # fictional: nothing here is a real payer's rule
    notes="Fictional, for plugin authors. Applications go through CAQH ProView; the network "
          "answers within about 60 days.",
)


@hookimpl
def credtrack_payers():
    return [RULES]
