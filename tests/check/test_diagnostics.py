"""Every diagnostic code, each with a small failing example and the location it must report."""
from __future__ import annotations

import tracemalloc

import pytest

from argmap import check, load_project
from argmap.diagnostics import CODES

HEAD = "map: m\ntitle: T\nresolution: R\n"
GOOD_CITE = "    cite: {source: demo, quote: regulation should limit the state}\n"

# code -> (files to write, path to check, expected "file:line:col", words the message must contain)
CASES: dict[str, tuple[dict[str, str | bytes], str, str, str]] = {
    "AM001": ({}, "arguments/missing.yaml", "arguments/missing.yaml:1:1", "does not exist"),
    "AM002": ({"arguments/a.yaml": b"map: m\ntitle: caf\xe9\n"}, "arguments", "arguments/a.yaml:2:11", "UTF-8"),
    "AM003": ({"arguments/a.yaml": "\n  \n"}, "arguments", "arguments/a.yaml:1:1", "empty"),
    "AM004": ({"arguments/a.yaml": "# " + "x" * (5 * 1024 * 1024) + "\n"}, "arguments", "arguments/a.yaml:1:1",
              "limit"),
    "AM005": ({"arguments/a.yaml": HEAD + "claims: [\n  - text: x\n"}, "arguments", "arguments/a.yaml:5:3",
              "syntax"),
    "AM006": ({"arguments/a.yaml": HEAD + "claims:\n\t- text: x\n"}, "arguments", "arguments/a.yaml:5:1", "tab"),
    "AM007": ({"arguments/a.yaml": HEAD + "description: &d text\nclaims:\n  - text: *d\n"}, "arguments",
              "arguments/a.yaml:4:14", "aliases"),
    "AM008": ({"arguments/a.yaml": HEAD + "---\nmap: n\n"}, "arguments", "arguments/a.yaml:5:1", "more than one"),
    "AM009": ({"arguments/a.yaml": HEAD + "claims: " + "[" * 150 + "]" * 150 + "\n"}, "arguments",
              "arguments/a.yaml:4:108", "more than 100 levels"),
    "AM101": ({"arguments/a.yaml": HEAD + "claims:\n  - text: x\n    sied: pro\n" + GOOD_CITE}, "arguments",
              "arguments/a.yaml:6:5", "'sied'"),
    "AM102": ({"arguments/a.yaml": HEAD + "claims:\n  - id: x\n"}, "arguments", "arguments/a.yaml:5:5", "'text'"),
    "AM103": ({"arguments/a.yaml": HEAD + "claims:\n  text: x\n"}, "arguments", "arguments/a.yaml:5:3",
              "must be a list, not a mapping"),
    "AM104": ({"arguments/a.yaml": HEAD + "claims:\n  - text: x\n    side: maybe\n" + GOOD_CITE}, "arguments",
              "arguments/a.yaml:6:11", "not pro or con"),
    "AM105": ({"arguments/a.yaml": HEAD + "claims:\n  - text: ''\n"}, "arguments", "arguments/a.yaml:5:11", "empty"),
    "AM106": ({"arguments/a.yaml": HEAD + "claims:\n  - {id: x, text: a}\n  - {id: x, text: b}\n"}, "arguments",
              "arguments/a.yaml:6:5", "already used"),
    "AM107": ({"arguments/a.yaml": HEAD, "arguments/b.yaml": "map: m\ntitle: Again\n"}, "arguments",
              "arguments/b.yaml:2:1", "already has"),
    "AM108": ({"arguments/a.yaml": "map: m\ntitle: T\n"}, "arguments", "arguments/a.yaml:2:1", "no resolution"),
    "AM109": ({"arguments/a.yaml": HEAD + "arguments:\n  - {premises: [resolution], supports: a, attacks: b}\n"},
              "arguments", "arguments/a.yaml:5:5", "exactly one"),
    "AM110": ({"arguments/a.yaml": HEAD + "claims:\n  - text: x\n    text: y\n"}, "arguments",
              "arguments/a.yaml:6:5", "twice"),
    "AM201": ({"arguments/a.yaml": HEAD + "claims:\n  - text: x\n    supports: resolutoin\n" + GOOD_CITE},
              "arguments", "arguments/a.yaml:6:15", "did you mean 'resolution'"),
    "AM202": ({"arguments/a.yaml": HEAD + "claims:\n  - text: x\n    undercuts: no-such-arg\n" + GOOD_CITE},
              "arguments", "arguments/a.yaml:6:16", "unknown argument"),
    "AM203": ({"arguments/a.yaml": HEAD + "claims:\n  - text: x\n    cite: {source: dem, quote: q}\n"},
              "arguments", "arguments/a.yaml:6:20", "did you mean 'demo'"),
    "AM204": ({"arguments/a.yaml": HEAD + "claims:\n  - text: x\n    cite: {source: ../sources/gone.md, quote: q}\n"},
              "arguments", "arguments/a.yaml:6:20", "does not exist"),
    "AM205": ({"arguments/a.yaml": HEAD + "sources: [../../elsewhere.md]\n"}, "arguments", "arguments/a.yaml:4:11",
              "outside the project"),
    "AM206": ({"arguments/a.yaml": HEAD + "claims:\n  - id: x\n    text: x\n    supports: x\n" + GOOD_CITE},
              "arguments", "arguments/a.yaml:7:5", "related to itself"),
    "AM207": ({"arguments/a.yaml": HEAD + "claims:\n  - {id: a, text: a, supports: b}\n  - {id: b, text: b, supports: a}\n"},
              "arguments", "arguments/a.yaml:5:5", "a -> b -> a"),
    "AM208": ({"arguments/a.yaml": HEAD + "left_out:\n  - {source: demo, paragraph: 9, reason: r}\n"}, "arguments",
              "arguments/a.yaml:5:5", "no paragraph 9"),
    "AM209": ({"arguments/a.yaml": HEAD + "left_out:\n  - {source: demo, paragraph: 3, reason: r}\nclaims:\n"
               "  - text: x\n" + GOOD_CITE}, "arguments", "arguments/a.yaml:5:5", "cites it"),
    "AM210": ({"arguments/a.yaml": HEAD + "claims:\n  - text: x\n    supports: [resolution, resolution]\n"
               + GOOD_CITE}, "arguments", "arguments/a.yaml:6:5", "already written"),
    "AM211": ({"arguments/a.yaml": HEAD + "claims:\n  - id: consent\n    text: People consent.\n" + GOOD_CITE
               + "  - text: y\n    supports: resolution\n    reasons: [Consent]\n" + GOOD_CITE}, "arguments",
              "arguments/a.yaml:10:15", "did you mean the id 'consent'"),
    "AM301": ({"arguments/a.yaml": HEAD + "claims:\n  - text: x\n    cite: {source: demo, quote: regulation should curb the state}\n"},
              "arguments", "arguments/a.yaml:6:33", "quote not found"),
    "AM302": ({"arguments/a.yaml": HEAD + "claims:\n  - text: x\n    cite: {source: demo, quote: Only the party may censor}\n"},
              "arguments", "arguments/a.yaml:6:33", "but in 'other'"),
    "AM303": ({"arguments/a.yaml": HEAD + "claims:\n  - text: x\n    cite: {source: demo, quote: limit the state, highlight: the party}\n"},
              "arguments", "arguments/a.yaml:6:33", "highlight"),
    "AM304": ({"arguments/a.yaml": HEAD + "claims:\n  - text: x\n    cite: {source: demo, quote: ''}\n"},
              "arguments", "arguments/a.yaml:6:33", "empty"),
    "AM305": ({"arguments/a.yaml": HEAD + "claims:\n  - text: x\n    cite: {source: demo, quote: ', '}\n"},
              "arguments", "arguments/a.yaml:6:33", "no words"),
    "AM306": ({"arguments/a.yaml": HEAD + "claims:\n  - text: x\n    cite: {source: demo, quote: regulation should "
               "limit ... state}\n"}, "arguments", "arguments/a.yaml:6:33", "\u201cstate\u201d"),
    "AM307": ({"arguments/a.yaml": HEAD + "claims:\n  - text: x\n    cite: {source: demo, quote: It runs over two "
               "lines ... regulation should limit}\n"}, "arguments", "arguments/a.yaml:6:33", "paragraphs 2 to 3"),
    "AM308": ({"sources/neg.md": "---\nid: neg\ntitle: N\n---\nChina's crackdown is not a model for the U.S.\n",
               "arguments/a.yaml": HEAD + "claims:\n  - text: x\n    cite: {source: neg, quote: \"China's crackdown "
               "is ... a model for the U.S.\"}\n"}, "arguments", "arguments/a.yaml:6:32", "negation 'not'"),
    "AM309": ({"sources/dec.md": "---\nid: dec\ntitle: D\n---\nMankind are more disposed to suffer, while evils "
               "are sufferable, than to right themselves by abolishing the forms.\n",
               "arguments/a.yaml": HEAD + "claims:\n  - text: x\n    cite: {source: dec, quote: Mankind are more "
               "disposed ... to right themselves by abolishing the forms}\n"}, "arguments", "arguments/a.yaml:6:32",
              "'than'"),
    "AM401": ({"arguments/a.yaml": HEAD + "claims:\n  - text: A bare assertion\n    supports: resolution\n"},
              "arguments", "arguments/a.yaml:5:5", "unsupported assertion"),
    "AM403": ({"arguments/a.yaml": HEAD + "claims:\n  - text: x\n    supports: resolution\n    scheme: expert-opinon\n"
               + GOOD_CITE}, "arguments", "arguments/a.yaml:6:5", "did you mean 'expert-opinion'"),
    "AM404": ({"arguments/a.yaml": HEAD + "claims:\n  - text: x\n    supports: resolution\n    argument_id: arg\n"
               "    scheme: expert-opinion\n" + GOOD_CITE + "  - text: y\n    undercuts: arg\n    answers: nonsense\n"
               + GOOD_CITE}, "arguments", "arguments/a.yaml:11:5", "field"),
    "AM405": ({"sources/v.md": "---\nid: v\ntitle: V\n---\nVery little restrains the state here.\n",
               "arguments/a.yaml": HEAD + "claims:\n  - text: Nothing restrains the state.\n    supports: resolution\n"
               "    cite: {source: v, quote: Very little restrains the state}\n"}, "arguments", "arguments/a.yaml:5:5",
              "drops the hedge 'very little'"),
    "AM501": ({"sources/bad.md": "No front matter here.\n"}, "sources", "sources/bad.md:1:1", "front matter"),
    "AM502": ({"sources/bad.md": "---\nid: bad\ntitel: X\n---\nText.\n"}, "sources", "sources/bad.md:3:1",
              "did you mean 'title'"),
    "AM503": ({"sources/dup.md": "---\nid: demo\ntitle: X\n---\nText.\n"}, "sources", "sources/dup.md:1:1",
              "already used"),
}


#: Reported by `argmap import`, not by check: tests/formats/test_import.py has a case for each; and for an
#: assignment.yaml, by compare and grade: tests/teach/test_grading.py.
OTHER_COMMANDS_CODES = {"AM601", "AM701"}


def test_every_code_has_a_case() -> None:
    assert set(CASES) == set(CODES) - OTHER_COMMANDS_CODES


@pytest.mark.parametrize("code", sorted(CASES))
def test_diagnostic(project, code: str) -> None:
    files, path, where, words = CASES[code]
    for name, text in files.items():
        project.write(name, text)
    found = [d for d in check(load_project([path])) if d.code == code]
    assert found, f"{code} not reported"
    at_place = [d for d in found if str(d.location) == where]
    assert at_place, f"{code} reported at {[str(d.location) for d in found]}, expected {where}"
    assert any(words in d.message + " " + d.hint for d in at_place)


def test_all_problems_reported_at_once(project) -> None:
    project.write("arguments/a.yaml", HEAD + "claims:\n  - text: x\n    sied: pro\n  - text: y\n    supports: nope\n"
                  "    cite: {source: demo, quote: not there at all}\n")
    codes = sorted(d.code for d in check(load_project(["arguments"])))
    assert codes == ["AM101", "AM201", "AM301", "AM401"]


def test_alias_bomb_is_rejected_with_bounded_memory(project) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 9):
        prev = chr(ord("a") + level - 1)
        lines.append(f"{chr(ord('a') + level)}: &{chr(ord('a') + level)} [" + ",".join([f"*{prev}"] * 9) + "]")
    project.write("arguments/bomb.yaml", "\n".join(lines) + "\n")
    tracemalloc.start()
    diagnostics = check(load_project(["arguments"]))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert [d.code for d in diagnostics] == ["AM007"]
    assert peak < 5 * 1024 * 1024


def test_closest_passage_is_shown(project) -> None:
    project.write("arguments/a.yaml", HEAD + "claims:\n  - text: x\n"
                  "    cite: {source: demo, quote: regulation should limit the states}\n")
    (problem,) = check(load_project(["arguments"]))
    assert "paragraph 3" in problem.hint and "regulation should limit the state" in problem.hint


def test_generated_ids_are_stable_and_unique(project) -> None:
    project.write("arguments/a.yaml", HEAD + "claims:\n  - text: Same words here.\n" + GOOD_CITE
                  + "  - text: Same words here!\n" + GOOD_CITE)
    argument_map = load_project(["arguments"]).maps["m"]
    assert sorted(argument_map.claims) == ["resolution", "same-words-here", "same-words-here-2"]
