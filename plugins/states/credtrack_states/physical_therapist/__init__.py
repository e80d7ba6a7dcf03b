"""State rules for physical therapists (PT): one module per state. The profession is declared
once here; each module is a plain ``RULES``. Facts: shared/reference/professions.md section 1."""

PROFESSION = "physical-therapist"
