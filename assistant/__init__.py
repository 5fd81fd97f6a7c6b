"""Guidance built on the knowledge base: screening, question answering, calculators, course."""
