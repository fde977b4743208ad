"""The classroom loop end to end: `argmap assignment` makes the starter project, students hand in maps
(tests/teach/data/class/: strong, weak, misquoting, wrong source, broken, another resolution, and an
empty folder), `argmap grade` scores each by the rubric and writes the sheets, the class summary and
the gradebook; the sheets print one student per page run in Chromium."""
from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.teach.assignment import load_assignment
from tests.conftest import REPO

CLASS = Path(__file__).parent / "data" / "class"
STUDENTS = ("strong", "weak", "misquoting", "wrong-source", "broken", "other-resolution")


def argmap(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "argmap", *args], capture_output=True, text=True, cwd=cwd,
                          env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})


@pytest.fixture(scope="module")
def graded(tmp_path_factory) -> Path:
    """A class of seven: each student's work in a copy of the starter project, graded once."""
    root = tmp_path_factory.mktemp("class")
    made = argmap("assignment", str(REPO / "arguments"), "--sources", "crackdown-not-a-model", "-o", "starter", cwd=root)
    assert made.returncode == 0, made.stderr
    for student in STUDENTS:
        shutil.copytree(root / "starter", root / "class" / student)
        shutil.copy(CLASS / f"{student}.yaml", root / "class" / student / "arguments" / "china-big-tech.yaml")
    (root / "class" / "empty").mkdir()
    result = argmap("grade", str(REPO / "arguments"), *sorted(str(p) for p in (root / "class").iterdir()),
                    "--out", "feedback", cwd=root)
    assert result.returncode == 0, result.stderr
    return root


def rows(root: Path) -> dict[str, dict[str, str]]:
    text = (root / "feedback" / "gradebook.csv").read_text(encoding="utf-8")
    return {row["Student"]: row for row in csv.DictReader(io.StringIO(text))}


def test_the_starter_project_holds_what_the_students_need(graded: Path) -> None:
    starter = graded / "starter"
    assert sorted(p.relative_to(starter).as_posix() for p in starter.rglob("*")
                  if p.is_file() and ".argmap-cache" not in p.parts) == [
        ".gitignore", "argmap.schema.json", "arguments/china-big-tech.yaml", "assignment.yaml",
        "sources/crackdown-not-a-model.md", "worksheet.md"]
    assert (starter / "sources/crackdown-not-a-model.md").read_bytes() == \
        (REPO / "sources/crackdown-not-a-model.md").read_bytes()                  # verbatim
    assert argmap("check", "arguments", cwd=starter).returncode == 0
    assignment, problems = load_assignment(starter / "assignment.yaml")
    assert not problems and assignment.sources == ["crackdown-not-a-model"] and assignment.reference == "china-big-tech"
    worksheet = (starter / "worksheet.md").read_text(encoding="utf-8")
    assert "Blank 1" in worksheet and "China" in worksheet
    again = argmap("assignment", str(REPO / "arguments"), "--sources", "crackdown-not-a-model", "-o", "starter",
                   cwd=graded)
    assert again.returncode == 1 and "never overwrites" in again.stderr       # a handed-out project is kept
    unknown = argmap("assignment", str(REPO / "arguments"), "--sources", "crackdown-not-a-modle", "-o", "x", cwd=graded)
    assert unknown.returncode == 1 and "did you mean 'crackdown-not-a-model'" in unknown.stderr


def test_students_are_ranked_as_a_teacher_would(graded: Path) -> None:
    table = rows(graded)
    total = {name: float(row["Total (%)"]) for name, row in table.items() if row["Total (%)"]}
    assert total["strong"] > total["misquoting"] > total["weak"] > total["wrong-source"]
    assert table["strong"]["Coverage (%)"] == table["misquoting"]["Coverage (%)"]     # same claims found
    assert float(table["misquoting"]["Evidence (%)"]) < float(table["strong"]["Evidence (%)"]) == 100
    assert float(table["wrong-source"]["Evidence (%)"]) == 0                # its sources are not in the project


def test_work_that_cannot_be_read_is_not_scored_and_says_where(graded: Path) -> None:
    table = rows(graded)
    for student, where in (("broken", "arguments/china-big-tech.yaml:6:1: AM005"),
                           ("other-resolution", "arguments/china-big-tech.yaml:3:13:"), ("empty", "class/empty:1:1:")):
        assert table[student]["Total (%)"] == "" and where in table[student]["Note"], (student, table[student])
        sheet = (graded / "feedback" / f"{student}.md").read_text(encoding="utf-8")
        assert "**Not scored.**" in sheet and where in sheet
    summary = (graded / "feedback" / "class-summary.md").read_text(encoding="utf-8")
    assert summary.count("not scored") == 3 and "## Distribution" in summary and "Median per criterion" in summary


def test_the_weak_sheet_is_fair_and_focused(graded: Path) -> None:
    sheet = (graded / "feedback" / "weak.md").read_text(encoding="utf-8")
    assert "you wrote \u201cFirms such as Baidu and Tencent have become less transparent.\u201d, but the source says" in sheet
    assert "\u201cChinese tech firms help the state censor and spy on their users.\u201d \u2248" in sheet   # a paraphrase
    missing = sheet.split("## Claims you have not found yet")[1].split("\n## ")[0]
    assert len([line for line in missing.splitlines() if line.startswith("- ")]) == 6      # five, and a count
    assert "Asserted with neither a citation nor a reason: \u201cChina is a dictatorship.\u201d" in sheet
    assert "tightens" not in missing.lower()                  # nothing of the article that was not assigned


def test_near_misses_earn_part_of_the_credit(graded: Path) -> None:
    sheet = (graded / "feedback" / "strong.md").read_text(encoding="utf-8")
    close = sheet.split("## Close: part of the credit")[1].split("\n## ")[0]
    assert "the article objects to the step, not to the claim" in close and "(half credit)" in close
    assert "the article's reasons work only together" in close
    assert re.search(r"\| structure \| 30% \| \d+% \| \d+ relation\(s\) as the article has them, 2 close \(worth 1\)",
                     sheet)


def test_misquotes_are_listed_on_the_sheet(graded: Path) -> None:
    sheet = (graded / "feedback" / "misquoting.md").read_text(encoding="utf-8")
    quotes = sheet.split("## Quotes that are not the source's words")[1].split("\n## ")[0]
    assert len(re.findall(r"arguments/china-big-tech\.yaml:\d+:\d+: quote not found", quotes)) == 2


def test_a_name_clash_is_an_error_before_anything_is_written(graded: Path) -> None:
    for student in ("strong", "weak"):
        folder = graded / "clash" / student
        shutil.copytree(graded / "class" / student, folder)
        path = folder / "assignment.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace('student: ""', 'student: "Sam"'), encoding="utf-8")
    result = argmap("grade", str(REPO / "arguments"), "clash/strong", "clash/weak", "--out", "clash-out", cwd=graded)
    assert result.returncode == 1 and "'Sam'" in result.stderr and not (graded / "clash-out").exists()


def test_a_broken_assignment_file_is_named_on_the_sheet(graded: Path) -> None:
    folder = graded / "bad-rubric" / "ann"
    shutil.copytree(graded / "class" / "strong", folder)
    path = folder / "assignment.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  evidence: 20", "  evidence: lots"), encoding="utf-8")
    assert argmap("grade", str(REPO / "arguments"), "bad-rubric/ann", "--out", "bad-out", cwd=graded).returncode == 0
    sheet = (graded / "bad-out" / "ann.md").read_text(encoding="utf-8")
    assert "**Not scored.**" in sheet and re.search(r"assignment\.yaml:\d+:\d+: AM701 the weight of 'evidence'", sheet)


def test_weights_in_the_assignment_change_the_total(graded: Path) -> None:
    folder = graded / "weights" / "ann"
    shutil.copytree(graded / "class" / "misquoting", folder)
    path = folder / "assignment.yaml"
    text = path.read_text(encoding="utf-8")
    for criterion in ("coverage: 40", "structure: 30", "critique: 10"):
        text = text.replace(criterion, criterion.split(":")[0] + ": 0")
    path.write_text(text, encoding="utf-8")
    assert argmap("grade", str(REPO / "arguments"), "weights/ann", "--out", "weights-out", cwd=graded).returncode == 0
    row = next(csv.DictReader(io.StringIO((graded / "weights-out" / "gradebook.csv").read_text(encoding="utf-8"))))
    assert row["Total (%)"] == row["Evidence (%)"] and row["Coverage (%)"] == ""     # only evidence counts


def test_the_sheets_print_one_student_per_page_run(graded: Path, browser) -> None:
    from pypdf import PdfReader

    page = browser.new_page()
    page.goto((graded / "feedback" / "sheets.html").as_uri())
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    starts = [i for i, p in enumerate(pdf.pages) if (p.extract_text() or "").lstrip().startswith("Feedback on your map")]
    assert len(starts) == 7 and len(pdf.pages) >= 7                  # each student's sheet begins a page
    page.close()


@pytest.mark.parametrize("text, where, words", [
    ("reference: m\nresolution: R\nsources: [a]\nclaim: all\n", ":4:1", "did you mean 'claims'"),
    ("reference: m\nresolution: R\nsources: []\n", ":3:10", "'sources' must list"),
    ("reference: m\nresolution: R\nsources: [a]\nclaims: some\n", ":4:9", "unknown scope 'some'"),
    ("reference: m\nresolution: R\nsources: [a]\nrubric: {coverage: 0, structure: 0, evidence: 0, critique: 0}\n",
     ":4:9", "every rubric weight is 0"),
    ("reference: m\nresolution: R\nsources: [a]\nrubric: {coverige: 5}\n", ":4:10", "did you mean 'coverage'"),
    ("resolution: R\nsources: [a]\n", ":1:1", "lacks 'reference'"),
    ("- a list\n", ":1:1", "must be a mapping"),
    ("reference: [m\n", ":2:1", "AM005"),
])
def test_every_problem_in_an_assignment_file_is_located(tmp_path: Path, text: str, where: str, words: str) -> None:
    path = tmp_path / "assignment.yaml"
    path.write_text(text, encoding="utf-8")
    assignment, problems = load_assignment(path)
    assert assignment is None and problems
    assert any(str(p.location).endswith(where) and (words in p.message or words in p.hint or words == p.code)
               for p in problems), [p.render() for p in problems]


def test_the_contentions_scope_assesses_contentions_and_their_direct_reasons_only(china_map) -> None:
    from argmap.teach.assignment import Assignment, assessed_claims

    everything = assessed_claims(china_map, Assignment(china_map.id, "", ["crackdown-not-a-model"]))
    key_points = assessed_claims(china_map, Assignment(china_map.id, "", ["crackdown-not-a-model"], "contentions"))
    contentions = {p for a in china_map.arguments.values() if a.target == china_map.resolution for p in a.premises}
    direct = {p for a in china_map.arguments.values() if a.target in contentions for p in a.premises}
    assert china_map.resolution in key_points and key_points < everything
    assert key_points - {china_map.resolution} <= contentions | direct
    assert "not-a-model-us" in key_points and "weibo-censured" in everything - key_points
    assert not any(c.citations and all(x.source == "china-tightens-grip" for x in c.citations)
                   for c in (china_map.claims[i] for i in everything))


def test_any_assignment_file_is_read_or_reported_never_a_crash(tmp_path: Path) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=8))
    values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.sampled_from(["reference", "resolution", "sources", "claims", "rubric", "student", "coverage",
                         "evidence", "x"]), inner, max_size=4), max_leaves=12)

    @settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(st.dictionaries(st.sampled_from(["reference", "resolution", "sources", "claims", "rubric", "student"]),
                           values, max_size=6) | values | st.binary(max_size=40))
    def read(document) -> None:
        import yaml as pyyaml
        path = tmp_path / "assignment.yaml"
        if isinstance(document, bytes):
            path.write_bytes(document)
        else:
            path.write_text(pyyaml.safe_dump(document), encoding="utf-8")
        assignment, problems = load_assignment(path)
        assert (assignment is None) == bool(problems)
        assert all(p.location.line >= 1 and p.location.file == str(path) for p in problems)

    read()


def test_the_class_summary_page_links_each_students_page(graded: Path) -> None:
    page = (graded / "feedback" / "class-summary.html").read_text(encoding="utf-8")
    assert 'href="strong.html"' in page and 'href="strong.md"' not in page
    assert "[strong](strong.md)" in (graded / "feedback" / "class-summary.md").read_text(encoding="utf-8")
