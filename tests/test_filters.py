"""status/due filters and --fail-on exit codes (credtrack.filters through the service)."""

from __future__ import annotations

from datetime import date

import pytest

from credtrack.filters import Filter

AS_OF = "2026-11-22"


@pytest.fixture
def practice(cli):
    assert cli("provider", "add", "--name", "Dana Reyes").code == 0
    assert cli("provider", "add", "--name", "Sam Okafor").code == 0
    # Dana: FL expired on 2025-08-31 (overdue), TX good until 2027-08-31; an Aetna application
    assert cli("license", "add", "--provider", "dana-reyes", "--state", "FL", "--number",
               "MA1", "--issued", "2023-09-01", "--expires", "2025-08-31").code == 0
    assert cli("license", "add", "--provider", "dana-reyes", "--state", "TX", "--number",
               "MT1", "--issued", "2025-08-31", "--expires", "2027-08-31").code == 0
    assert cli("apply", "aetna", "--provider", "dana-reyes", "--force",
               "--date", "2026-11-01").code == 0
    # Sam: one TX license far ahead, nothing else
    assert cli("license", "add", "--provider", "sam-okafor", "--state", "TX", "--number",
               "MT2", "--issued", "2026-08-31", "--expires", "2028-08-31").code == 0


def items(result):
    data = result.json()
    return data["deadlines"], data["findings"]


def test_fail_on_overdue_exits_3_with_an_overdue_item_and_0_without(cli, practice):
    r = cli("status", "--all", "--as-of", AS_OF, "--fail-on", "overdue")
    assert r.code == 3
    assert "2025-08-31  OVERDUE Renew Florida license" in r.out
    assert "--fail-on overdue" in r.err
    ok = cli("status", "--provider", "sam-okafor", "--as-of", AS_OF, "--fail-on", "overdue")
    assert ok.code == 0, ok.out
    # the same practice a year earlier: nothing overdue yet
    assert cli("status", "--all", "--as-of", "2025-06-01", "--fail-on", "overdue").code == 0
    assert cli("due", "--all", "--as-of", AS_OF, "--fail-on", "overdue", "--json").code == 3


def test_fail_on_error_and_warning(cli, practice):
    assert cli("status", "--all", "--as-of", AS_OF, "--fail-on", "error").code == 3
    r = cli("status", "--all", "--as-of", AS_OF, "--state", "TX", "--fail-on", "error",
            "--json")
    assert r.code == 0 and all(f["severity"] != "error" for f in r.json()["findings"])
    assert cli("status", "--provider", "sam-okafor", "--as-of", AS_OF,
               "--fail-on", "warning").code == 0


def test_state_kind_severity_payer_and_provider_filters(cli, practice):
    deadlines, findings = items(cli("status", "--all", "--as-of", AS_OF, "--state", "FL",
                                    "--json"))
    assert {d["provider"] for d in deadlines} == {"dana-reyes"}
    assert deadlines and all("Florida" in d["title"] for d in deadlines if d["kind"] ==
                             "license-renewal")
    assert "license-expired" in {f["code"] for f in findings}
    deadlines, findings = items(cli("status", "--all", "--as-of", AS_OF, "--state", "TX",
                                    "--json"))
    assert "license-expired" not in {f["code"] for f in findings}
    assert {d["provider"] for d in deadlines} == {"dana-reyes", "sam-okafor"}
    deadlines, findings = items(cli("status", "--all", "--as-of", AS_OF, "--severity",
                                    "error", "--json"))
    assert deadlines == [] and findings and {f["severity"] for f in findings} == {"error"}
    deadlines, findings = items(cli("status", "--all", "--as-of", AS_OF, "--payer", "aetna",
                                    "--json"))
    assert findings and all(f["subject"].startswith("app-") for f in findings)
    deadlines, findings = items(cli("status", "--all", "--as-of", AS_OF, "--kind",
                                    "license-renewal", "--json"))
    assert deadlines and {d["kind"] for d in deadlines} == {"license-renewal"} and not findings
    deadlines, _ = items(cli("status", "--as-of", AS_OF, "--provider", "sam-okafor",
                             "--provider", "dana-reyes", "--kind", "license", "--json"))
    assert {d["provider"] for d in deadlines} == {"dana-reyes", "sam-okafor"}


def test_bad_filter_values_are_usage_errors(cli, practice):
    from conftest import assert_clean_error

    assert_clean_error(cli("status", "--all", "--state", "ZZ"))
    assert_clean_error(cli("status", "--all", "--payer", "nobody"))
    assert_clean_error(cli("status", "--all", "--fail-on", "sometimes"))
    assert_clean_error(cli("status", "--provider", "nobody"))
    assert_clean_error(cli("status", "--all", "--kind", "Licence!"))
    typo = cli("status", "--all", "--kind", "licence")
    assert typo.code == 0 and "did you mean license?" in typo.err


def test_help_documents_fail_on(cli):
    r = cli("status", "--help")
    assert "--fail-on" in r.out and "Exit status: 0, or 3 with --fail-on" in r.out
    assert "--fail-on" in cli("due", "--help").out


def test_the_service_filters(app, cli, practice):
    report = app.report(date(2026, 11, 22), filter=Filter(states=("FL",),
                                                          providers=("dana-reyes",)))
    assert report.deadlines and {d.provider for d in report.deadlines} == {"dana-reyes"}
    due = app.due(date(2026, 11, 22), 30, filter=Filter(kinds=("license",),
                                                        providers=("sam-okafor",)))
    assert due.deadlines == []  # Sam's license is due in 2028
