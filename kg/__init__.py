"""kg: a knowledge graph of diplomatic meetings, built from readouts and news reports by hand-curated rules."""

__version__ = "0.1.0"
