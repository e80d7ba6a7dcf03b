"""The NPI Registry (NPPES): read a saved API response (or, only when asked, fetch one), fill
a provider's profile from it, and keep a snapshot of it on the provider for the engine's
``nppes-mismatch`` check (credtrack.compliance.nppes).

Both response shapes in ../shared/reference/nppes-examples.json are read: API 2.1 (string
``number``, ``practiceLocations``, ``other_names``) and the older one (integer ``number``,
``basic.name``). ``{"result_count": 0, "results": []}`` means no such NPI; an ``Errors`` body
(the API answers HTTP 200 even then) is bad input. ``basic.status`` is ``A`` for an active NPI;
any other status (or a deactivation date) is read as deactivated (the deactivated shape is not
in the examples: unconfirmed).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from credtrack.errors import BadInput, CredtrackError
from credtrack.validate import npi_valid

API = "https://npiregistry.cms.hhs.gov/api/"
MAX_RESPONSE = 8 * 2**20


def load(path: Path) -> dict[str, Any]:
    """A saved response file, parsed (bad input if it is not one)."""
    import stat

    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):  # a FIFO or a device would block or never end
            raise BadInput(f"{path.name[:200]}: not a regular file")
        if st.st_size > MAX_RESPONSE:
            raise BadInput(f"{path.name}: larger than 8 MB; not an NPI Registry response")
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BadInput(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise BadInput(f"{path.name}: not a readable NPI Registry response "
                       f"({type(exc).__name__})") from None
    return data


def fetch(npi: str, timeout: float = 15.0) -> dict[str, Any]:
    """The registry's answer for one NPI, from the public API (only ``--online`` calls this)."""
    import urllib.error
    import urllib.parse
    import urllib.request

    url = API + "?" + urllib.parse.urlencode({"version": "2.1", "number": npi})
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:  # noqa: S310 (fixed https)
            raw = resp.read(MAX_RESPONSE + 1)
    except (urllib.error.URLError, OSError, TimeoutError) as exc:
        reason = getattr(exc, "reason", None) or type(exc).__name__
        raise CredtrackError(f"the NPI Registry cannot be reached ({reason})") from None
    try:
        return json.loads(raw)
    except (ValueError, RecursionError):
        raise CredtrackError("the NPI Registry's answer is not JSON") from None


def results(data: Any) -> list[dict[str, Any]]:
    """The results of a response; an ``Errors`` body or another shape is bad input."""
    if not isinstance(data, dict):
        raise BadInput("not an NPI Registry response (not a JSON object)")
    if data.get("Errors"):
        errors = data["Errors"]
        first = errors[0].get("description", "") if isinstance(errors, list) and errors and \
            isinstance(errors[0], dict) else ""
        raise BadInput(f"the NPI Registry answered with an error: {str(first)[:120]}")
    items = data.get("results")
    if not isinstance(items, list) or not all(isinstance(r, dict) for r in items):
        raise BadInput("not an NPI Registry response (no 'results' list)")
    return items


def number(result: dict[str, Any]) -> str:
    """The NPI of a result: a string in API 2.1, an integer before."""
    n = result.get("number")
    if isinstance(n, bool) or not isinstance(n, (int, str)):
        return ""
    return str(n).strip()


def pick(data: Any, npi: str | None = None) -> dict[str, Any] | None:
    """The result for ``npi`` (or the only one); None when the registry has none."""
    items = results(data)
    if npi:
        items = [r for r in items if number(r) == npi]
        return items[0] if items else None
    if len(items) > 1:
        raise BadInput(f"the response holds {len(items)} results: pick one with --npi")
    return items[0] if items else None


def _title(text: str) -> str:
    """REGISTRY CAPITALS as a name is written (a mixed-case value is kept as it is)."""
    text = " ".join(str(text or "").split())
    return text.title() if text.isupper() else text


def _address(a: dict[str, Any]) -> str:
    postal = str(a.get("postal_code") or "")
    if len(postal) == 9 and postal.isdigit():
        postal = f"{postal[:5]}-{postal[5:]}"
    street = ", ".join(str(a[k]).strip() for k in ("address_1", "address_2") if a.get(k))
    tail = " ".join(x for x in (str(a.get("state") or ""), postal) if x)
    return ", ".join(x for x in (street, str(a.get("city") or "").strip(), tail) if x)


def _full_name(basic: dict[str, Any], prefix: str = "") -> str:
    parts = [basic.get(f"{prefix}first_name"), basic.get(f"{prefix}middle_name"),
             basic.get(f"{prefix}last_name")]
    return _title(" ".join(str(p) for p in parts if p and str(p) != "--"))


def profile(result: dict[str, Any]) -> dict[str, Any]:
    """Provider fields from a result: name, credentials, npi, taxonomy, address (mailing),
    locations (practice locations), phone, former names."""
    if result.get("enumeration_type") == "NPI-2":
        raise BadInput("the NPI is an organization's (type 2), not an individual provider's")
    basic = result.get("basic") if isinstance(result.get("basic"), dict) else {}
    npi = number(result)
    if not npi_valid(npi):
        raise BadInput("the response's NPI is not a valid NPI")
    out: dict[str, Any] = {"npi": npi, "name": _full_name(basic)}
    if basic.get("credential"):
        out["credentials"] = str(basic["credential"]).strip()
    taxes = [t for t in result.get("taxonomies") or [] if isinstance(t, dict) and t.get("code")]
    primary = next((t for t in taxes if t.get("primary")), taxes[0] if taxes else None)
    if primary:
        out["taxonomy"] = str(primary["code"]).strip().upper()
        from credtrack.rules import TAXONOMY_TYPES

        kind = TAXONOMY_TYPES.get(out["taxonomy"])
        if kind:  # a profession credtrack knows (225700000X: massage therapist...)
            out["provider_type"] = kind
    addresses = [a for a in result.get("addresses") or [] if isinstance(a, dict)]
    mailing = [a for a in addresses if a.get("address_purpose") == "MAILING"]
    located = [a for a in addresses if a.get("address_purpose") == "LOCATION"]
    located += [a for a in result.get("practiceLocations") or [] if isinstance(a, dict)]
    if mailing:
        out["address"] = _address(mailing[0])
    if located:
        out["locations"] = list(dict.fromkeys(_address(a) for a in located))
        if located[0].get("telephone_number"):
            out["phone"] = str(located[0]["telephone_number"])
    former = [_full_name(o) for o in result.get("other_names") or []
              if isinstance(o, dict) and "former" in str(o.get("type", "")).lower()]
    if former:
        out["former_names"] = [f for f in former if f]
    return out


def snapshot(result: dict[str, Any] | None, npi: str, source: str, read_on: date) -> dict:
    """What the engine compares (credtrack.compliance.nppes): found, deactivated, taxonomies
    with their license numbers and states."""
    snap: dict[str, Any] = {"npi": npi, "read": read_on.isoformat(), "source": source,
                            "found": result is not None}
    if result is None:
        return snap
    basic = result.get("basic") if isinstance(result.get("basic"), dict) else {}
    status = str(basic.get("status") or "A")
    snap["status"] = status
    snap["deactivated"] = status != "A" or bool(basic.get("deactivation_date"))
    snap["taxonomies"] = [
        {"code": str(t.get("code") or ""), "desc": str(t.get("desc") or ""),
         "license": str(t.get("license") or ""), "state": str(t.get("state") or ""),
         "primary": bool(t.get("primary"))}
        for t in result.get("taxonomies") or [] if isinstance(t, dict)]
    return snap
