"""Florida PIP (auto no-fault): massage has been excluded since January 1, 2013.

HB 119 (Ch. 2012-197) removed massage and acupuncture from personal injury protection medical
benefits; the statute says a licensed massage therapist may not be reimbursed, whoever
provides the massage.
"""

from credtrack.rules import CodeRule, PayerRules

from ._common import CONFIRMED, NO, READ_DEC, READ_NOV, SECONDARY, VERIFIED, cred, fact

LAW = "http://laws.flrules.org/files/Ch_2012-197.pdf"
ABMP = ("https://www.abmp.com/updates/legislative-updates/florida/"
        "florida-insurance-bill-discontinues-coverage-massage-therapy")
ABMP_SIGNED = ("https://seven.abmp.com/updates/legislative-updates/florida/"
               "bill-excluding-massage-no-fault-auto-accident-insurance-coverage-signed-law")
LABOVICK = "https://www.labovick.com/blog/the-pip-statute-and-florida-law-regarding-massage-therapy-pt/"
SHAMIS = "https://shamisgentile.com"
WHY = ("Since January 1, 2013, Florida PIP auto insurance does not pay for massage, and a "
       "licensed massage therapist may not be reimbursed under it.")

RULES = PayerRules(
    id="fl-pip",
    name="Florida PIP (personal injury protection auto insurance)",
    kind="auto",
    provider_types=(),
    states=("FL",),
    excluded_reason=WHY,
    credentialing=(cred(NO, WHY, LAW, read=READ_NOV, date="2012-05-04"),),
    code_rules=(
        CodeRule(codes=(), paid=False,
                 text="Massage is excluded from PIP medical benefits 'regardless of the person, "
                      "entity, or licensee providing massage', whatever the code; an LMT may not "
                      "be reimbursed.", source=LABOVICK, read=READ_NOV, confidence=SECONDARY),
    ),
    documents=(),
    route="none",
    followup_days=14,
    recredential_months=None,
    facts=(
        fact("law", "HB 119 (Ch. 2012-197), signed 2012-05-04, excludes massage and "
             "acupuncture from PIP medical benefits from 2013-01-01.", LAW, read=READ_NOV,
             date="2012", note=f"also {ABMP_SIGNED}"),
        fact("law", "The statute's bar on paying licensed massage therapists is quoted verbatim "
             "by law firms; Florida's Third DCA reversed a ruling that had allowed PIP payment "
             "for PT modalities given by an LMT (whether that ruling was a county or a circuit "
             "court's conflicts between sources).", SHAMIS, read=READ_DEC, confidence=SECONDARY,
             note=f"also {LABOVICK}"),
        fact("coverage", "The same law: treatment must start within 14 days; $2,500 cap unless "
             "an emergency medical condition is found (full benefit $10,000); follow-up care "
             "needs a referral from an MD, DO, DC or dentist.", ABMP, read=READ_NOV,
             confidence=CONFIRMED),
    ),
    sources=(LAW, ABMP, ABMP_SIGNED, LABOVICK, SHAMIS),
    verified=VERIFIED,
    confidence=CONFIRMED,
)
