"""Fault injection, fuzzing and encryption tests. A package, so that its conftest.py does not
shadow tests/conftest.py (which the tests here import as ``conftest``)."""
