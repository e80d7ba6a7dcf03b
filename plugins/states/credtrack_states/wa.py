"""Washington: Board of Massage / Department of Health."""

from credtrack.rules import (
    BIRTHDAY, CONFIRMED, FIRST_UNKNOWN, LICENSE, REMOTE, SECONDARY, UNCONFIRMED, UNKNOWN, CECap,
    CERequirement, LiabilityMandate, RenewalRule, StateRules, SubjectMinimum,
)

DOH = "https://doh.wa.gov/pa/node/7507"
HEALTH_EQUITY = "https://lawfilesext.leg.wa.gov/law/wsr/2023/19/23-19-026.htm"

RULES = StateRules(
    code="WA",
    name="Washington",
    regulation=LICENSE,
    board="Washington State Board of Massage / Department of Health",
    board_url=DOH,
    credential="Licensed Massage Therapist (LMT)",
    renewal=RenewalRule(
        basis=BIRTHDAY, cycle_years=1,
        text="every year on the licensee's birthday; may renew up to 90 days early",
        source=DOH,
        confidence=CONFIRMED,
        note="Renewal fee $166 (including $16 HEAL-WA); late fee $75.",
    ),
    ce=CERequirement(
        hours=24,
        subjects=(
            SubjectMinimum("ethics", 4, note="ethics, communication or Washington law, including "
                                             "2 hours of professional roles and boundaries",
                           source=DOH, includes=("boundaries",), read="2026-12-01",
                           source_date="WAC 246-830-475"),
            SubjectMinimum("boundaries", 2, note="professional roles and boundaries; part of the "
                                                 "4 ethics hours", source=DOH),
            SubjectMinimum("health-equity", 2, note="eff. 2024-01-01, within the total",
                           source=HEALTH_EQUITY),
        ),
        caps=(CECap(delivery=REMOTE, max_hours=12, note="distance learning", source=DOH),),
        min_in_person_hours=8,
        first_period=FIRST_UNKNOWN,
        carry_over_max=None,
        period=RenewalRule(
            basis=UNKNOWN, cycle_years=2,
            text="CE counted over two years on the annual (birthday) license; which renewal "
                 "closes the CE period is not in the sources",
            source=DOH,
            confidence=UNCONFIRMED,
        ),
        text="24 hours per two years: at least 8 directly supervised hands-on massage skills, 4 "
             "ethics/communication/Washington law (2 on professional roles and boundaries), 2 "
             "health equity; at most 12 distance learning and 2 books/publications",
        source=DOH,
        confidence=CONFIRMED,
        note="Books and publications count at most 2 hours. The AIDS/HIV training requirement "
             "was repealed. CE instructors need 3 years of experience.",
    ),
    liability=LiabilityMandate(required=False, text="no state mandate found", confidence=SECONDARY),
    sources=(
        DOH,
        HEALTH_EQUITY,
        "https://mywsmta.org/gr-news/11141110",
        "https://homeceuconnection.com/blogs/therapies/renewing-washington-massage-therapy-"
        "license-need-know",
        "https://app.leg.wa.gov/WAC/default.aspx?cite=246-830-020",
        "https://content.govdelivery.com/landing_pages/20486/37558826d807a7564f1c4fca96135053",
        "https://doh.wa.gov/zh-hans/node/4974",
    ),
    # the dates these sources show, as noted in the reference (states.csv, states-gaps.md)
    source_dates=(
        ('https://lawfilesext.leg.wa.gov/law/wsr/2023/19/23-19-026.htm',
         'filed 2023-09-11, eff 2024-01-01'),
        ('https://mywsmta.org/gr-news/11141110',
         '2021-10-04'),
    ),
    verified="2026-11-22",
    notes="Annual license on the birthday, CE counted over 2 years: two cycles. Licensure: 625 "
          "hours (programs begun on/after 2021-09-01; 500 before), MBLEx/NCETMB or board-approved "
          "exam, Washington jurisprudence exam, in-person first aid and CPR.",
)
