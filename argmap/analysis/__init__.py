"""Stage 3, analysis: the AIF-style argument graph, its semantics (labels, extensions), DF-QuAD
strength and structure statistics."""
