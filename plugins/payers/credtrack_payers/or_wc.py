"""Oregon workers' compensation: LMT treatment approved by the attending physician.

Except in emergencies, all treatment must be approved by the worker's attending physician or
authorized nurse practitioner, who prescribes and monitors ancillary care (OAR 436-010-0210).
Oregon's medical services rules have a massage therapy subsection (OAR 436-010-0230) whose
wording was not retrieved; a Portland clinic reports about six visits approved at a time.
"""

from credtrack.rules import PayerRules, ReferralRule

from ._common import (
    CONFIRMED, READ_DEC, READ_NOV, SECONDARY, UNCONFIRMED, VERIFIED, YES, cred, fact,
)

OAR_436_010_0210 = "https://oregon.public.law/rules/oar_436-010-0210"
OAR_436_010_0230 = "https://info.5y1.org/osteopenia-treatment-guidelines-2019-pdf_1_db704d.html"
CARING = "http://www.caringportland.com/workers-comp/"

RULES = PayerRules(
    id="or-wc",
    name="Oregon workers' compensation",
    kind="workers-comp",
    provider_types=("massage-therapist",),
    states=("OR",),
    credentialing=(
        cred(YES, "An LMT may treat an injured worker on the attending physician's or "
             "authorized nurse practitioner's approval (letter of medical necessity); there is "
             "no network to join: bill the insurer.", CARING, confidence=SECONDARY),
    ),
    documents=(),
    referrals=(
        ReferralRule(required=True, kind="order",
                     prescribers=("attending physician", "authorized nurse practitioner"),
                     text="Except in emergencies, all treatment must be approved by the "
                          "worker's attending physician or authorized nurse practitioner, who "
                          "prescribes and monitors ancillary care.", source=OAR_436_010_0210,
                     read=READ_DEC, source_date="2021-06-08", confidence=CONFIRMED),
        ReferralRule(required=True, kind="letter-of-medical-necessity", max_visits=6,
                     text="A Portland clinic reports an LMT may treat with a letter of medical "
                          "necessity (prescription), typically 6 one-hour massages approved at "
                          "a time.", source=CARING, read=READ_DEC, confidence=SECONDARY),
    ),
    caqh_required=False,
    route="none",
    recredential_months=None,
    facts=(
        fact("billing", "Avoid same-day visits with a PT, chiropractor or acupuncturist: they "
             "bill the same codes (a clinic's advice).", CARING, confidence=SECONDARY),
        fact("law", "The medical services rules (OAR 436-010, edition effective 2020-01-01) "
             "include a 'Massage Therapy' subsection under 436-010-0230; its exact wording is "
             "unconfirmed.", OAR_436_010_0230, read=READ_NOV, date="2020-01-01",
             confidence=UNCONFIRMED),
    ),
    sources=(OAR_436_010_0210, CARING, OAR_436_010_0230),
    verified=VERIFIED,
    confidence=SECONDARY,
)
