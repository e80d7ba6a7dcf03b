"""Tests for the example payer plugin; the fixtures come from credtrack's pytest plugin."""

import credtrack_example_payer as plugin
from credtrack.testing import check_payer_plugin, payer_report


def test_conforms():
    check_payer_plugin(plugin.RULES)


def test_only_the_placeholder_sources_are_left_to_do():
    warnings = [p.message for p in payer_report(plugin.RULES) if p.severity == "warning"]
    assert warnings and all(w.startswith("placeholder source https://providers.example-health")
                            for w in warnings)


def test_an_application_gets_the_checklist(register_plugin, credtrack_cli, as_of):
    register_plugin(plugin)
    as_of("2026-06-01")
    credtrack_cli("init", "--name", "Test Therapist")
    credtrack_cli("license", "add", "--state", "FL", "--number", "MA1", "--expires", "2027-08-31")
    started = credtrack_cli("apply", "example-health", "--json")
    assert started.code == 0, started.err
    shown = credtrack_cli("app", "show", started.json()["id"], "--json").json()
    kinds = [item["kind"] for item in shown["checklist"]]
    assert kinds[:3] == ["license", "liability-coi", "w9"]
    assert "referral" not in kinds  # per patient, not part of joining
