"""The 50 states and DC, and a helpful error for a code that is not one of them."""

from __future__ import annotations

import difflib

NAMES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia",
    "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois",
    "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota",
    "MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York",
    "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon",
    "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota",
    "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia",
    "WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming",
}
CODES = tuple(sorted(NAMES))


def suggest(text: str) -> str | None:
    """The code nearest to ``text`` (a code or a state name), or None."""
    t = text.strip()
    by_name = {v.lower(): k for k, v in NAMES.items()}
    if t.lower() in by_name:
        return by_name[t.lower()]
    names = difflib.get_close_matches(t.lower(), list(by_name), n=1, cutoff=0.6)
    if names:
        return by_name[names[0]]
    codes = difflib.get_close_matches(t.upper(), CODES, n=1, cutoff=0.5)
    return codes[0] if codes else None
