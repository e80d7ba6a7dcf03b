"""Florida PIP (auto no-fault): massage has been excluded since January 1, 2013.

HB 119 (Ch. 2012-197) removed massage and acupuncture from personal injury protection medical
benefits; the statute says a licensed massage therapist may not be reimbursed, whoever
provides the massage.
"""

from credtrack.rules import CONFIRMED, PayerRules

from ._common import VERIFIED

LAW = "http://laws.flrules.org/files/Ch_2012-197.pdf"
ABMP = ("https://www.abmp.com/updates/legislative-updates/florida/"
        "florida-insurance-bill-discontinues-coverage-massage-therapy")
ABMP_SIGNED = ("https://seven.abmp.com/updates/legislative-updates/florida/"
               "bill-excluding-massage-no-fault-auto-accident-insurance-coverage-signed-law")
LABOVICK = "https://www.labovick.com/blog/the-pip-statute-and-florida-law-regarding-massage-therapy-pt/"

RULES = PayerRules(
    id="fl-pip",
    name="Florida PIP (personal injury protection auto insurance)",
    kind="auto",
    provider_types=(),
    states=("FL",),
    excluded_reason=("Since January 1, 2013, Florida PIP auto insurance does not pay for massage, "
                     "and a licensed massage therapist may not be reimbursed under it."),
    documents=(),
    route="none",
    followup_days=14,
    recredential_months=None,
    sources=(LAW, ABMP, ABMP_SIGNED, LABOVICK),
    verified=VERIFIED,
    confidence=CONFIRMED,
    notes=(
        "HB 119 (Ch. 2012-197), signed 5/4/2012, excludes massage and acupuncture from PIP "
        "medical benefits from 1/1/2013, 'regardless of the person, entity, or licensee "
        "providing massage'. Florida's Third DCA reversed a county-court ruling that had "
        "allowed PIP payment for PT modalities given by an LMT (secondary). The same law "
        "requires treatment to start within 14 days, caps benefits at $2,500 unless an "
        "emergency medical condition is found (the full PIP benefit is $10,000), and "
        "requires a referral from an MD, DO, DC or dentist for follow-up care. Florida "
        "workers' compensation may be a different matter (unconfirmed)."
    ),
)
