"""Texas: physical therapist assistants. The PT rules (22 TAC 341.1-341.2) apply alike, except
the hours: 20 CCUs per renewal for a PTA against 30 for a PT (22 TAC 341.2(c))."""

from dataclasses import replace

from credtrack_states.physical_therapist import tx as pt

RULES = replace(
    pt.RULES,
    credential="Physical Therapist Assistant (PTA)",
    ce=replace(pt.RULES.ce, hours=20,
               text="20 CCUs per two-year renewal (PTA), completed in the 24 months before "
                    "expiry, including the Jurisprudence Assessment Module and a human-"
                    "trafficking prevention course"),
)
