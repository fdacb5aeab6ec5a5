"""Shared by every stage: project paths, atomic file output, errors, translations and charts."""
