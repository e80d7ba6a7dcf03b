"""credtrack.values: dataclasses whose repr, eq and hash are shared functions behave exactly as
the ones ``dataclasses`` generates (the reason they exist: see the module's docstring)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import pytest

from credtrack.values import record, value


def twins(decorator, plain, body):
    """The same class body under credtrack's decorator and under plain ``dataclass``."""
    return decorator(type("T", (), dict(body))), plain(type("T", (), dict(body)))


BODY = {
    "__annotations__": {"a": "int", "b": "str", "hidden": "str", "loose": "int", "tags": "tuple"},
    "b": "x",
    "hidden": field(default="h", repr=False),
    "loose": field(default=0, compare=False),
    "tags": (),
}


@pytest.mark.parametrize("ours,theirs", [
    (value, dataclass(frozen=True)),
    (value(slots=True), dataclass(frozen=True, slots=True)),
    (record, dataclass),
])
def test_repr_eq_and_hash_are_the_generated_ones(ours, theirs):
    A, B = twins(ours, theirs, BODY)
    for args, kwargs in (((1,), {}), ((2, "y"), {"hidden": "z", "loose": 5, "tags": ("t",)})):
        a, b = A(*args, **kwargs), B(*args, **kwargs)
        assert repr(a) == repr(b)  # fields with repr=False are left out
        assert (a == A(*args, **kwargs)) is True
    # compare=False fields do not count; the others do; another class is never equal
    assert A(1, loose=1) == A(1, loose=2) and B(1, loose=1) == B(1, loose=2)
    assert A(1) != A(1, "other") and B(1) != B(1, "other")
    assert A(1).__eq__(B(1)) is NotImplemented
    SubA, SubB = ours(type("S", (A,), {})), theirs(type("S", (B,), {}))
    assert A(1) != SubA(1) and B(1) != SubB(1)  # a subclass is another class, too
    if B.__hash__ is None:  # a mutable dataclass is unhashable, and so is a record
        assert A.__hash__ is None
        with pytest.raises(TypeError):
            hash(A(1))
    else:
        assert hash(A(1, "b", loose=3)) == hash(B(1, "b", loose=9)) == hash((1, "b", "h", ()))


def test_they_stay_dataclasses():
    @value(kw_only=True)
    class Base:
        source: str = ""

    @value(kw_only=True)
    class Fact(Base):
        topic: str

    f = Fact(topic="route", source="s")
    assert dataclasses.is_dataclass(f)
    assert [x.name for x in dataclasses.fields(f)] == ["source", "topic"]
    assert dataclasses.replace(f, topic="other") == Fact(topic="other", source="s")
    assert dataclasses.asdict(f) == {"source": "s", "topic": "route"}
    assert repr(f) == "test_they_stay_dataclasses.<locals>.Fact(source='s', topic='route')"
    with pytest.raises(dataclasses.FrozenInstanceError):
        f.topic = "x"
    with pytest.raises(TypeError):
        Fact("positional", topic="t")  # kw_only, as declared

    @dataclass(frozen=True)
    class Plain(Fact):  # a plugin may subclass a rules class with plain dataclass
        extra: int = 0

    assert Plain(topic="t", extra=1) != Plain(topic="t") and hash(Plain(topic="t"))


def test_a_class_of_its_own_keeps_its_methods():
    @value
    class Code:
        text: str

        def __repr__(self) -> str:
            return f"<{self.text}>"

        def __eq__(self, other):
            return isinstance(other, Code) and self.text.lower() == other.text.lower()

        def __hash__(self):
            return hash(self.text.lower())

    assert repr(Code("A")) == "<A>" and Code("A") == Code("a") and hash(Code("A")) == hash("a")


def test_the_rule_vocabulary_and_records_use_them():
    from credtrack import rules as R
    from credtrack.models import License

    fl = R.RenewalRule(basis=R.FIXED_DATE, cycle_years=2, month=8, day=31, parity=R.ODD)
    assert fl == dataclasses.replace(fl) and hash(fl) == hash(dataclasses.replace(fl))
    assert fl != dataclasses.replace(fl, day=30)
    assert repr(fl).startswith("RenewalRule(basis='fixed-date', cycle_years=2, month=8, day=31")
    lic = License("lic-1", "FL")
    assert lic == License("lic-1", "FL") and License.__hash__ is None
    lic.number = "MA1"  # records stay mutable
    assert lic != License("lic-1", "FL")
