"""Florida: physical therapist assistants. Rule 64B17-9.001 sets the same 24 hours, medical
errors and self-paced limit for PTs and PTAs, and the licenses expire on the same date."""

from dataclasses import replace

from credtrack_states.physical_therapist import fl as pt

RULES = replace(pt.RULES, credential="Physical Therapist Assistant (PTA)")
