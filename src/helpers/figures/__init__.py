"""Stage 1, figures: source documents, number reading, extraction, curation and the figures table."""
