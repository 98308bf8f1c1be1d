"""Pieces of the entity recogniser (component: nlp/components/entities.py).

- ``span_features``: the features of a capitalised candidate span, shared by the trainer
  (tools/train_ner.py, on GMB) and the runtime classifier so both see the same thing.
- ``span_classifier``: the linear model that types a candidate span (PERSON, ORG, GPE, NORP,
  DATE or O).
"""
