"""Screening: a declarative decision tree (content) and a pure engine that turns answers into a verdict."""
