"""Where the accounts of one event disagree: different numbers for the same role, or a denial.

A conflict is a plain dict, so that it stores and serialises as it is::

    {"kind": "numbers", "role": "killed", "values": {"7": ["Steppe Monitor"], "12": ["Defence Ministry"]}}
    {"kind": "denial", "by": "Ustyurt Liberation Front", "article_id": "a..."}
"""
from __future__ import annotations

from ..models import Event
from ..ontology import ontology


# counts that say how big an event was; "people" and "munitions" are too generic to disagree on
CONTESTABLE = {"killed", "injured", "casualties", "arrested", "abducted", "displaced", "deported", "released",
               "sorties", "strikes", "targets", "captured", "evacuated"}


def find_conflicts(event: Event) -> list:
    conflicts = []
    # a negated statement ("did not demand") is no counter-account; only material acts are contested
    material = not ontology().get(event.type, {}).get("verbal", True)
    by_role: dict = {}
    for v in event.versions:
        if v.modality == "denied":
            if not material:
                continue
            denial = {"kind": "denial", "by": v.claimant or v.actor, "article_id": v.article_id}
            if denial not in conflicts:  # one article denying twice is one denial
                conflicts.append(denial)
            continue
        who = v.claimant or ", ".join(v.publishers) or v.article_id
        for role, value in v.numbers.items():
            if role not in CONTESTABLE:
                continue
            by_role.setdefault(role, {}).setdefault(_fmt(value), [])
            if who not in by_role[role][_fmt(value)]:
                by_role[role][_fmt(value)].append(who)
    for role, values in sorted(by_role.items()):
        if len(values) > 1:
            conflicts.append({"kind": "numbers", "role": role, "values": values})
    return conflicts


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)
