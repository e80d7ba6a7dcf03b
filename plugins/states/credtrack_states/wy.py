"""Wyoming: no state board; massage is regulated only by some cities and counties."""

from credtrack.rules import (
    NONE, SECONDARY, UNCONFIRMED, UNKNOWN, CERequirement, LiabilityMandate, RenewalRule,
    StateRules,
)

MLIG = "https://www.massageliabilityinsurancegroup.com/state-requirements/wyoming/"

RULES = StateRules(
    code="WY",
    name="Wyoming",
    regulation=NONE,
    board="none (city/county regulation, e.g. Cheyenne-Laramie County)",
    credential="none statewide",
    renewal=RenewalRule(basis=UNKNOWN, confidence=UNCONFIRMED, text="no state license",
                        source=MLIG),
    ce=CERequirement(hours=None, confidence=UNCONFIRMED, carry_over_max=None,
                     text="no state license, so no state CE requirement; check local "
                          "(city or county) rules"),
    liability=LiabilityMandate(required=None, text="no state license", confidence=UNCONFIRMED),
    sources=(
        MLIG,
        "https://www.keepinglawsimple.org/states/wyoming/bills/2022/SF0091",
        "https://abmp.com/updates/legislative-updates/wyoming/wyoming-massage-therapy-licensing-"
        "bill-introduced",
        "https://massage.community.forum/threads/casper-to-encourage-state-to-create-massage-"
        "therapist-licensing-board-through-wam-oil-city-news.333497/latest",
    ),
    # the dates these sources show, as noted in the reference (states.csv, states-gaps.md)
    source_dates=(
        ('https://abmp.com/updates/legislative-updates/wyoming/wyoming-massage-therapy-licensing-bill-introduced',
         '2015-02-03'),
    ),
    verified="2026-11-22",
    confidence=SECONDARY,
    notes="No statewide license; some cities and counties issue permits (e.g. Cheyenne-Laramie "
          "County). SF0091 (2022) did not pass (it would have created a Department of Health "
          "board, 500 hours, 6 hours CE per 2 years). Casper repealed its local massage licensing "
          "and asked the legislature for a state board.",
)
