"""Source coverage: which paragraphs of each source a map cites, leaves out (with a reason), or misses.

A complete encoding cites every paragraph that carries an argumentative claim and lists the rest
under ``left_out`` with a reason; ``argmap coverage --fail-under 100`` enforces that.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from argmap.model import ArgumentMap


@dataclass
class ParagraphCoverage:
    number: int
    status: str  # "cited", "left out" or "uncited"
    claims: list[str] = field(default_factory=list)
    reason: str = ""


@dataclass
class SourceCoverage:
    source: str
    title: str
    paragraphs: list[ParagraphCoverage]

    def count(self, status: str) -> int:
        return sum(p.status == status for p in self.paragraphs)

    @property
    def percent(self) -> float:
        """Share of paragraphs cited or deliberately left out."""
        total = len(self.paragraphs)
        return 100.0 if total == 0 else 100.0 * (total - self.count("uncited")) / total


def source_coverage(argument_map: ArgumentMap) -> list[SourceCoverage]:
    """Coverage of every source the map cites (run after :func:`argmap.check.checker`, which locates quotes)."""
    cited: dict[tuple[str, int], list[str]] = {}
    for claim in argument_map.claims.values():
        for citation in claim.citations:
            if citation.locator:
                for number in range(citation.locator.paragraph, citation.locator.end_paragraph + 1):
                    cited.setdefault((citation.source, number), []).append(claim.id)
    reasons = {(item.source, item.paragraph): item.reason for item in argument_map.left_out}
    report = []
    for source in argument_map.cited_sources():
        rows = []
        for paragraph in source.paragraphs:
            key = (source.id, paragraph.number)
            if key in cited:
                rows.append(ParagraphCoverage(paragraph.number, "cited", sorted(set(cited[key]))))
            elif key in reasons:
                rows.append(ParagraphCoverage(paragraph.number, "left out", reason=reasons[key]))
            else:
                rows.append(ParagraphCoverage(paragraph.number, "uncited"))
        report.append(SourceCoverage(source.id, source.get("title"), rows))
    return report


def render_coverage(report: list[SourceCoverage]) -> str:
    """A plain-text report: one line per paragraph, a total per source."""
    lines = []
    for source in report:
        lines.append(f"{source.source} ({source.title}): {source.percent:.0f}% covered, "
                     f"{source.count('cited')} cited, {source.count('left out')} left out, "
                     f"{source.count('uncited')} uncited")
        for row in source.paragraphs:
            detail = ", ".join(row.claims) if row.status == "cited" else row.reason
            lines.append(f"  \u00b6{row.number:<3} {row.status:<9} {detail}".rstrip())
    return "\n".join(lines)
