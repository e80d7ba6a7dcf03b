"""State rules for physical therapist assistants (PTA): one module per state.
Facts: shared/reference/professions.md section 1."""

PROFESSION = "physical-therapist-assistant"
