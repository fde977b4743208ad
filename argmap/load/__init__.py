"""Stage 1, load: YAML with positions, maps into the typed model, sources with numbered paragraphs,
the scheme catalogue. Nothing here judges a map beyond its shape; that is :mod:`argmap.check`."""
