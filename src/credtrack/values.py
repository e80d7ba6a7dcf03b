"""Dataclasses that cost less to define: ``value`` (frozen) and ``record`` (mutable).

Every ``credtrack`` process defines some sixty dataclasses before it can answer, and
``dataclasses`` compiles each generated method from source: a frozen dataclass costs six
``exec`` calls (``__init__``, ``__repr__``, ``__eq__``, ``__hash__``, ``__setattr__``,
``__delattr__``), about 0.5 ms, so the definitions alone were a quarter of ``credtrack status``.
These decorators make ordinary dataclasses (``dataclasses.fields``, ``replace``, ``asdict`` and
``is_dataclass`` work on them as on any other) whose ``__repr__``, ``__eq__`` and ``__hash__``
are shared functions that behave exactly as the generated ones (the fields with ``repr`` /
``compare`` / ``hash`` set, in field order; equal only to an instance of the same class), so
only ``__init__`` (and a frozen class's two setters) is compiled. ``tests/test_values.py``
compares them with the generated methods of a plain dataclass. Pure: standard library only.
"""

from __future__ import annotations

import dataclasses
from typing import Any

_PLANS: dict[type, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {}


def _plan(cls: type) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """The names of the fields shown by repr, compared by eq, and hashed (once per class)."""
    plan = _PLANS.get(cls)
    if plan is None:
        fs = dataclasses.fields(cls)
        plan = (tuple(f.name for f in fs if f.repr), tuple(f.name for f in fs if f.compare),
                tuple(f.name for f in fs if (f.compare if f.hash is None else f.hash)))
        _PLANS[cls] = plan
    return plan


def _repr(self: Any) -> str:
    names = _plan(type(self))[0]
    inner = ", ".join(f"{n}={getattr(self, n)!r}" for n in names)
    return f"{type(self).__qualname__}({inner})"


def _eq(self: Any, other: Any) -> Any:
    if other.__class__ is not self.__class__:
        return NotImplemented
    names = _plan(type(self))[1]
    return tuple(getattr(self, n) for n in names) == tuple(getattr(other, n) for n in names)


def _hash(self: Any) -> int:
    return hash(tuple(getattr(self, n) for n in _plan(type(self))[2]))


def _shared(cls: type, **options: Any) -> type:
    for name, method in (("__repr__", _repr), ("__eq__", _eq)):
        if name not in cls.__dict__:  # a class's own method wins, as with dataclass
            setattr(cls, name, method)
    return dataclasses.dataclass(cls, repr=False, eq=False, **options)


def value(cls: type | None = None, /, *, kw_only: bool = False, slots: bool = False):
    """``@dataclass(frozen=True)``, cheaper to define: immutable, hashable, compared by value."""
    def wrap(cls: type) -> type:
        if "__hash__" not in cls.__dict__ or cls.__dict__["__hash__"] is None:
            cls.__hash__ = _hash  # type: ignore[method-assign]
        return _shared(cls, frozen=True, kw_only=kw_only, slots=slots)
    return wrap if cls is None else wrap(cls)


def record(cls: type | None = None, /, *, kw_only: bool = False, slots: bool = False):
    """``@dataclass``, cheaper to define: mutable, compared by value, unhashable."""
    def wrap(cls: type) -> type:
        if "__hash__" not in cls.__dict__:
            cls.__hash__ = None  # type: ignore[assignment]  # as dataclass(eq=True) does
        return _shared(cls, kw_only=kw_only, slots=slots)
    return wrap if cls is None else wrap(cls)
