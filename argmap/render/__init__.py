"""Stage 4, render: what people read: Graphviz diagrams, debate briefs (Markdown, HTML, Word)."""
