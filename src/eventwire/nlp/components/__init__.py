"""Registered spaCy factories that belong to the NLP layer itself (segmentation, entities)."""
