"""The attributes eventwire components add to a spaCy ``Doc`` (``doc._.NAME``).

Each is a list of :mod:`eventwire.models` records (or the Article itself), filled by the
component named beside it. Components read what earlier ones wrote; none writes another's.
"""
from __future__ import annotations

from spacy.tokens import Doc

DOC_ATTRIBUTES = {
    "article": "set by eventwire.nlp.pipeline before the pipeline runs (models.Article)",
    "entity_mentions": "eventwire_entities: [(start token, end token, label, 'pronoun'|'nominal')] (not names)",
    "times": "eventwire_times (extract/times.py): [TimeValue]",
    "quantities": "eventwire_quantities (extract/quantities.py): [Quantity]",
    "places": "eventwire_places (resolve/places.py): [Place]",
    "attributions": "eventwire_attributions (extract/attribution.py): [Attribution]",
    "events": "eventwire_events (extract/events.py): [EventMention]",
}


def register_extensions() -> None:
    for name in DOC_ATTRIBUTES:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


register_extensions()
