"""Critical questions: for every argument that names a scheme, which of its scheme's questions the map
answers (an attack or undercut tagged ``answers: <question id>`` on the argument or one of its
premises), and whether that answer stands. The critique sheet and the interactive map show them."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from argmap.analysis.evaluate import IN, Evaluation
from argmap.load.schemes import Scheme, questioned_arguments
from argmap.model import Argument, ArgumentMap


@dataclass
class QuestionStatus:
    """A critical question of one argument: ``question`` in the map's words, ``template`` the scheme's."""

    id: str
    question: str
    answered_by: list[str] = field(default_factory=list)
    answer_stands: bool = False
    template: str = ""

    @property
    def answered(self) -> bool:
        return bool(self.answered_by)


@dataclass
class SchemeCritique:
    argument: str
    scheme: str
    scheme_name: str
    premises: list[str]
    target: str
    questions: list[QuestionStatus]


def critical_questions(argument_map: ArgumentMap, schemes: dict[str, Scheme],
                       evaluation: Evaluation | None = None) -> list[SchemeCritique]:
    """Each schemed argument's critical questions in the map's own words, answered or open; with an
    evaluation, the arguments whose inference weighs most come first (their open questions matter most)."""
    answers: dict[tuple[str, str], list[str]] = {}
    for attack in argument_map.arguments.values():
        if attack.answers and attack.relation != "support":
            for questioned in questioned_arguments(attack, argument_map.arguments):
                answers.setdefault((questioned.id, attack.answers), []).append(attack.id)
    report = []
    for argument in argument_map.arguments.values():
        scheme = schemes.get(argument.scheme)
        if scheme is None:
            continue
        roles = fill_roles(argument_map, argument)
        statuses = []
        for question in scheme.questions:
            found = answers.get((argument.id, question.id), [])
            stands = evaluation is not None and any(evaluation.labels[a] == IN for a in found)
            statuses.append(QuestionStatus(question.id, fill_question(question.question, scheme, roles), found,
                                           stands, question.question))
        report.append(SchemeCritique(argument.id, scheme.id, scheme.name, argument.premises, argument.target, statuses))
    if evaluation is not None:
        report.sort(key=lambda entry: -evaluation.strengths[entry.argument])
    return report


def _quoted(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return "\u201c" + (text if len(text) <= limit else text[:limit - 1].rstrip() + "\u2026") + "\u201d"


def fill_roles(argument_map: ArgumentMap, argument: Argument) -> dict[str, str]:
    """What a scheme's variables stand for in an argument: its conclusion (the claim it bears on; for an
    undercut, the conclusion of the inference it undercuts), its premises, and the speaker its first
    premise quotes (else that source's author or publisher)."""
    target = argument.target
    seen = set()
    while target in argument_map.arguments and target not in seen:
        seen.add(target)
        target = argument_map.arguments[target].target
    roles = {"premise": " and ".join(_quoted(argument_map.claims[p].text) for p in argument.premises)}
    if target in argument_map.claims:
        roles["conclusion"] = _quoted(argument_map.claims[target].text)
    premise = argument_map.claims[argument.premises[0]]
    for citation in premise.citations:
        source = argument_map.sources.get(citation.source)
        speaker = citation.speaker.split(",")[0].strip() or (source.get("author") or source.get("publisher")
                                                              if source else "")
        if speaker:
            roles["speaker"] = speaker
            break
    return roles


def fill_question(question: str, scheme: Scheme, roles: dict[str, str]) -> str:
    """A critical question in the map's own words: each variable the scheme's ``fill`` names is replaced
    by what it stands for in the argument (a variable with nothing to stand for stays as it is).

    >>> from argmap.load.schemes import builtin_schemes
    >>> expert = builtin_schemes()["expert-opinion"]
    >>> fill_question("Is E an expert in the field that A is in?", expert,
    ...               {"speaker": "Jamie Susskind", "conclusion": "\u201cX is true\u201d"})
    'Is Jamie Susskind an expert in the field that \u201cX is true\u201d is in?'
    """
    names = {variable: roles[role] for variable, role in scheme.fill if role in roles}
    if not names:
        return question
    pattern = re.compile(r"(?<![\w'])(" + "|".join(map(re.escape, sorted(names, key=len, reverse=True))) + r")(?![\w])")
    return pattern.sub(lambda match: names[match.group(1)], question)
