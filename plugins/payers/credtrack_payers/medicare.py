"""Original Medicare (Parts A and B): massage therapists cannot enroll.

The CMS-855I enrollment application lists the non-physician practitioner types that may enroll
and bill Medicare; massage therapists are not among them, and since 2005 their services cannot
be billed "incident to" a physician either. Medicare Advantage plans are separate.
"""

from credtrack.rules import CONFIRMED, PayerRules

from ._common import VERIFIED

AMTA = "https://amtamassage.org/publications/massage-therapy-journal/advocacy-medicare-advantage"
CMS_855I = "http://foma.org/CMS855iForm.htm"
CMS_855I_COPY = "https://www.readkong.com/page/medicare-enrollment-application-physicians-5095043"
INCIDENT_TO = "https://www.massagetoday.com/mpacms/mt/article.php?id=13209"
QUALIFIED = "http://lymphactivist.org/faqs-lmts_and_medicare.php"

RULES = PayerRules(
    id="medicare",
    name="Original Medicare (Parts A and B)",
    kind="medicare",
    provider_types=("physical-therapist", "occupational-therapist"),
    excluded_reason=("Original Medicare does not recognize massage therapists as providers who "
                     "can enroll and bill, and it does not cover massage therapy."),
    documents=(),
    route="none",
    followup_days=14,
    recredential_months=None,
    sources=(CMS_855I, AMTA, INCIDENT_TO, QUALIFIED, CMS_855I_COPY),
    verified=VERIFIED,
    confidence=CONFIRMED,
    notes=(
        "Massage therapist is not on the CMS-855I list of non-physician practitioners who may "
        "enroll (anesthesiology assistant, audiologist, CNM, CRNA, CNS, clinical social worker, "
        "mass-immunization roster biller, NP, OT and PT in private practice, PA, psychologist, "
        "registered dietitian); no CMS page says 'LMTs cannot enroll' in so many words, so the "
        "conclusion rests on that list. Since March 2005 therapy services by LMTs cannot be "
        "billed 'incident to' a physician under physical-medicine codes such as 97140 "
        "(qualified-personnel rules: 42 CFR 484.4; Medicare Benefit Policy Manual, Pub 100-02, "
        "Ch. 15 §220). Physical and occupational therapists in private practice do enroll "
        "(CMS-855I), but that route is not described here. Medicare Advantage plans may cover "
        "massage as a supplemental benefit (see medicare-advantage)."
    ),
)
