"""Washington: physical therapist assistants. The PT rules apply alike (annual birthday
renewal, WAC 246-915-99005(1)), except the hours: 24 every two years for a PTA against 32 for a
PT (WAC 246-915-085(1))."""

from dataclasses import replace

from credtrack_states.physical_therapist import wa as pt

RULES = replace(
    pt.RULES,
    credential="Physical Therapist Assistant (PTA)",
    ce=replace(pt.RULES.ce, hours=24,
               text="24 hours every two years (PTA), plus 200 hours of physical therapy "
                    "practice; books and articles at most 8 h, media without objectives at "
                    "most 4 h"),
)
