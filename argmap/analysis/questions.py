"""Critical questions: for every argument that names a scheme, which of its scheme's questions the map
answers (an attack or undercut tagged ``answers: <question id>`` on the argument or one of its
premises), and whether that answer stands. The critique sheet and the interactive map show them."""
from __future__ import annotations

from dataclasses import dataclass, field

from argmap.analysis.evaluate import IN, Evaluation
from argmap.load.schemes import Scheme, questioned_arguments
from argmap.model import ArgumentMap


@dataclass
class QuestionStatus:
    id: str
    question: str
    answered_by: list[str] = field(default_factory=list)
    answer_stands: bool = False

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
    """Each schemed argument's critical questions, answered or open."""
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
        statuses = []
        for question in scheme.questions:
            found = answers.get((argument.id, question.id), [])
            stands = evaluation is not None and any(evaluation.labels[a] == IN for a in found)
            statuses.append(QuestionStatus(question.id, question.question, found, stands))
        report.append(SchemeCritique(argument.id, scheme.id, scheme.name, argument.premises, argument.target, statuses))
    return report
