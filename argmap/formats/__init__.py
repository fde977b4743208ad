"""Interchange formats, one module per format (AIF, Argdown): what other tools read and write."""
