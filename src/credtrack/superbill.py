"""Superbills and letters of medical necessity: (records, case, visits) -> a plan -> PDF bytes.

A superbill is what a client sends to claim out of network (or what a workers' comp or PIP
adjuster asks for): the provider (TIN masked unless asked), the client, the payer and member id,
the referring provider, the ICD-10 codes and the service lines, with a signature line. Rendering
fetches nothing: every resource a template could name is refused.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from credtrack.billing import label as cpt_label
from credtrack.models import Case, Visit, mask

TEMPLATE = """<!doctype html>
<html><head><meta charset="utf-8"><title>{{ title }}</title>
<style>
@page { size: letter; margin: 18mm 16mm; }
body { font-family: "DejaVu Sans", sans-serif; font-size: 10pt; color: #111; }
h1 { font-size: 16pt; margin: 0 0 4mm; }
h2 { font-size: 11pt; margin: 6mm 0 2mm; border-bottom: 1px solid #999; }
table { border-collapse: collapse; width: 100%; }
td, th { border: 1px solid #bbb; padding: 1.5mm 2mm; text-align: left; vertical-align: top; }
th { background: #eee; }
.grid td { border: none; padding: 0.8mm 2mm 0.8mm 0; }
.sign { margin-top: 14mm; }
.line { display: inline-block; border-top: 1px solid #000; width: 80mm; padding-top: 1mm; }
</style></head><body>
<h1>{{ title }}</h1>
<table class="grid">
<tr><td><b>Provider</b></td><td>{{ p.name }}{% if p.credentials %}, {{ p.credentials }}{% endif %}</td>
<td><b>NPI</b></td><td>{{ p.npi or "-" }}</td></tr>
<tr><td><b>Tax ID</b></td><td>{{ tin or "-" }}</td><td><b>Taxonomy</b></td><td>{{ p.taxonomy }}</td></tr>
<tr><td><b>License</b></td><td>{% for l in licenses %}{{ l.state }} {{ l.number }}{% if not loop.last %}; {% endif %}{% else %}-{% endfor %}</td>
<td><b>Phone</b></td><td>{{ p.phone or "-" }}</td></tr>
<tr><td><b>Address</b></td><td colspan="3">{{ p.address or "-" }}</td></tr>
</table>
<h2>Client</h2>
<table class="grid">
<tr><td><b>Client</b></td><td>{{ case.client_name or case.client }}</td><td><b>Payer</b></td><td>{{ payer_name }}</td></tr>
<tr><td><b>Member id</b></td><td>{{ case.member_id or "-" }}</td><td><b>Referred by</b></td>
<td>{{ case.referring_name or "-" }}{% if case.referring_npi %} (NPI {{ case.referring_npi }}){% endif %}{% if case.referring_specialty %}, {{ case.referring_specialty }}{% endif %}</td></tr>
</table>
<h2>Diagnoses (ICD-10-CM)</h2>
<table><tr><th>Code</th><th>Description</th></tr>
{% for code, text in diagnoses %}<tr><td>{{ code }}</td><td>{{ text }}</td></tr>{% else %}<tr><td colspan="2">none recorded</td></tr>{% endfor %}
</table>
{% if letter %}
<h2>Letter of medical necessity</h2>
<p>To whom it may concern,</p>
<p>{{ case.client_name or case.client }} is under my care for the condition{{ "s" if diagnoses|length > 1 else "" }} listed above
{% if case.referring_name %}on the prescription of {{ case.referring_name }}{% endif %}.
The plan of care is {{ frequency }} from {{ case.start or "-" }} to {{ case.end or "-" }}{% if weeks %} ({{ weeks }} weeks){% endif %}.
These services are medically necessary to treat the condition and are not for general health or relaxation.</p>
{% else %}
<h2>Services</h2>
<table><tr><th>Date</th><th>CPT</th><th>Service</th><th>Modifiers</th><th>Units</th><th>Charge</th></tr>
{% for s in lines %}<tr><td>{{ s.date }}</td><td>{{ s.code }}</td><td>{{ s.label }}</td><td>{{ s.modifiers }}</td><td>{{ s.units }}</td><td>{{ s.charge }}</td></tr>{% endfor %}
<tr><td colspan="4"><b>Total</b></td><td><b>{{ total_units }}</b></td><td><b>{{ total_charge }}</b></td></tr>
</table>
{% endif %}
<p class="sign"><span class="line">Signature of provider</span> &nbsp;&nbsp; <span class="line" style="width:40mm">Date</span></p>
<p>Prepared {{ today }}.</p>
</body></html>
"""


@dataclass
class Plan:
    title: str
    context: dict[str, Any] = field(default_factory=dict)


def _money(value: Any) -> str:
    return f"${float(value):,.2f}" if isinstance(value, (int, float)) else "-"


def plan(records, case: Case, visits: list[Visit], payer: Any, today: date,
         show_tin: bool = False, letter: bool = False) -> Plan:
    from credtrack import icd10

    p = records.provider
    lines, units, charge = [], 0, 0.0
    for v in visits:
        for line in v.lines:
            code = str(line.get("code", ""))
            n = int(line.get("units") or 0)
            units += n
            if isinstance(line.get("charge"), (int, float)):
                charge += float(line["charge"])
            lines.append({"date": v.date.isoformat(), "code": code, "label": cpt_label(code),
                          "modifiers": ", ".join(line.get("modifiers") or []) or "-",
                          "units": n, "charge": _money(line.get("charge"))})
    weeks = ((case.end - case.start).days + 6) // 7 if case.start and case.end else None
    frequency = (f"{case.visits_prescribed} visits" if case.visits_prescribed else
                 "the visits prescribed")
    title = "Letter of medical necessity" if letter else "Superbill"
    ctx = {"title": title, "p": p, "tin": p.tin if show_tin else mask(p.tin),
           "licenses": sorted(records.licenses, key=lambda x: (x.state, x.number)),
           "case": case, "payer_name": getattr(payer, "name", case.payer),
           "diagnoses": [(c, icd10.describe(c)) for c in case.diagnoses], "lines": lines,
           "total_units": units, "total_charge": _money(charge) if charge else "-",
           "letter": letter, "weeks": weeks, "frequency": frequency,
           "today": today.isoformat()}
    return Plan(title, ctx)


def _refuse(url: str, *args, **kwargs):
    raise ValueError("superbills load nothing from outside")


def render(plan: Plan) -> bytes:
    from jinja2 import Environment

    from credtrack.errors import CredtrackError

    try:
        from weasyprint import HTML
    except OSError:  # WeasyPrint's system libraries (Pango) are missing
        raise CredtrackError("WeasyPrint cannot load its system libraries: install Pango "
                             "(e.g. 'apt-get install libpango-1.0-0 libpangoft2-1.0-0')") \
            from None
    html = Environment(autoescape=True).from_string(TEMPLATE).render(**plan.context)
    return HTML(string=html, url_fetcher=_refuse).write_pdf()
