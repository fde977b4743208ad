"""Stage 4, render: what people read: Graphviz diagrams, debate briefs (Markdown, HTML, Word)."""

#: The formats argmap renders diagrams in (kept here so the CLI can offer them without importing Graphviz).
DIAGRAM_FORMATS = ("dot", "svg", "png", "pdf")
