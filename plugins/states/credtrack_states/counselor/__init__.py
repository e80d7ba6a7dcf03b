"""State rules for professional and mental health counselors (LPC, LMHC, LPCC): one module per
state. Facts: shared/reference/professions.md section 2."""

PROFESSION = "counselor"
