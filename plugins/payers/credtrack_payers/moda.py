"""Moda Health (Oregon, Idaho): contract request first, then CAQH or a direct application.

Moda's own pages give the route: request network participation (panels for a specialty may
be closed), then, once approved for contracting, share a CAQH ProView profile with Moda
authorized and a current attestation (or send an application by e-mail, fax or mail).
Credentialing and contracting are separate: you participate only under an executed contract.
Whether Moda takes massage therapists is not stated on its pages: unknown.
"""

from credtrack.rules import DocumentRequirement, PayerRules

from ._common import (
    CADENCE_NOTE, CONFIRMED, FIRST_FOLLOWUP_DAYS, FOLLOWUP_DAYS, READ_DEC, SECONDARY,
    UNCONFIRMED, UNKNOWN, VERIFIED, cred, fact,
)

CREDENTIALING = "https://modahealth.com/idaho/provider/partner-with-us/credentialing-contracting"
FAQS = "https://www.modahealth.com/medical/faqs.shtml"
RIGHTS = "https://odscompanies.com/medical/practitioner_rights.shtml"
NEWSLETTER_2022 = ("https://myemail.constantcontact.com/Moda-Medical-Office-Update---8-2022.html"
                   "?aid=k_FFmMNvPlU&soid=1102089743016")

RULES = PayerRules(
    id="moda",
    name="Moda Health",
    kind="commercial",
    provider_types=(),
    states=("OR", "ID"),
    credentialing=(
        cred(UNKNOWN, "Moda's credentialing pages do not name massage therapists; only a "
             "Portland clinic's listing (secondary) suggests LMTs take part. Check that the "
             "panel for your specialty is open.", CREDENTIALING, confidence=CONFIRMED),
    ),
    documents=(
        DocumentRequirement(
            "other", "Medical network participation (contracting) request",
            note="first step; Moda replies within 60 days; panels it finds over capacity are "
                 "closed", source=FAQS, confidence=CONFIRMED, read=READ_DEC),
        DocumentRequirement(
            "caqh-attestation", "CAQH ProView profile, Moda authorized, current attestation",
            note="shared after contracting is approved; outdated or incomplete profiles are not "
                 "processed; without CAQH, send an application by e-mail, fax or mail",
            source=CREDENTIALING, confidence=CONFIRMED, read=READ_DEC),
    ),
    caqh_required=True,
    route="caqh",
    route_address=CREDENTIALING,
    turnaround_days=None,
    followup_days=FOLLOWUP_DAYS,
    first_followup_days=FIRST_FOLLOWUP_DAYS,
    escalate_after_days=None,
    recredential_months=None,
    phone="855-801-2993",
    facts=(
        fact("route", "Request medical network participation first; once approved for "
             "contracting, share your CAQH ID to begin credentialing, or send a direct "
             "application to credentialing@modahealth.com, fax 503-265-5707, or Moda Health, "
             "Attn: Credentialing Dept., 601 SW 2nd Ave #900, Portland, OR 97204.",
             CREDENTIALING),
        fact("turnaround", "Moda answers a contracting request within 60 days; no "
             "credentialing turnaround is published.", FAQS),
        fact("contract", "Credentialing approval is not participation: you (or your clinic) "
             "need a fully executed contract with an effective date; participation does not "
             "follow you to a new practice.", FAQS),
        fact("network", "Provider panels are reviewed yearly; a closed panel means Moda is "
             "above capacity for that provider type in your area.", FAQS),
        fact("credentialing", "The credentialing staff answer status requests within 2 weeks; "
             "discrepancies get three written requests with a 7-day deadline.", RIGHTS),
        fact("recredentialing", "Moda obtains recredentialing applications through CAQH "
             "(2022); the cycle is not stated.", NEWSLETTER_2022, date="2022-08",
             confidence=SECONDARY),
    ),
    sources=(CREDENTIALING, FAQS, RIGHTS, NEWSLETTER_2022),
    verified=VERIFIED,
    confidence=UNCONFIRMED,
    notes="Ask Moda whether the massage-therapist panel is open in your county before "
          "requesting a contract. " + CADENCE_NOTE,
)
