"""The overreach check (AM405) on tags written for the tests: each pair is a quote, a tag, and whether
a careful reader would say the tag claims more than the quote. Precision and recall are measured."""
from __future__ import annotations

from argmap import check, load_project
from argmap.check.overreach import find_overreach

# (quote, tag, overreaches)
PAIRS: list[tuple[str, str, bool]] = [
    ("The rules may reduce fraud in some provinces.", "The rules reduce fraud.", True),
    ("The rules may reduce fraud in some provinces.", "The rules may reduce fraud in some provinces.", False),
    ("Some firms have improved their privacy practices.", "Firms have improved their privacy practices.", True),
    ("Some firms have improved their privacy practices.", "Some firms improved privacy practices.", False),
    ("The CEO reportedly resigned under pressure.", "The CEO resigned under pressure.", True),
    ("The CEO reportedly resigned under pressure.", "The CEO is said to have resigned under pressure.", False),
    ("The founder is rumoured to have stepped down because of the crackdown.",
     "The crackdown made the founder step down.", True),
    ("The founder is rumoured to have stepped down because of the crackdown.",
     "The crackdown is rumored to be why the founder stepped down.", False),
    ("Very little restrains the state.", "Nothing restrains the state.", True),
    ("Very little restrains the state.", "Very little restrains the state.", False),
    ("This is not completely a facade.", "The protection is real.", True),
    ("This is not completely a facade.", "The protection is not completely a facade.", False),
    ("On the surface, the campaign protects consumers.", "The campaign protects consumers.", True),
    ("On the surface, the campaign protects consumers.", "The campaign's stated aim is to protect consumers.", False),
    ("Enforcement mostly restores balance.", "Enforcement restores balance.", True),
    ("Enforcement mostly restores balance.", "Enforcement largely restores balance.", False),
    ("Regulators often clash with foreign goals.", "Regulators clash with foreign goals.", True),
    ("Regulators often clash with foreign goals.", "Regulators frequently clash with foreign goals.", False),
    ("The fines are likely to deter mergers.", "The fines deter mergers.", True),
    ("The fines are likely to deter mergers.", "The fines will probably deter mergers.", False),
    ("Lessons lie in what China tackles, rather than how.", "Democracies can learn from China's methods.", True),
    ("Lessons lie in what China tackles, rather than how.", "Lessons lie in what China tackles, not how.", False),
    ("Without a legal framework, antitrust concentrates power.", "Antitrust concentrates power.", True),
    ("Without a legal framework, antitrust concentrates power.",
     "Without a legal framework, antitrust concentrates power.", False),
    ("The party censors posts critical of the government.", "The party censors every critical post.", True),
    ("The party censors posts critical of the government.", "The party censors critical posts.", False),
    ("Big Tech by no means stood a chance.", "Big Tech never stood a chance.", False),
    ("Big Tech by no means stood a chance.", "Big Tech always loses and proves the state's power.", True),
    ("The law limits what private companies can collect.", "The law limits all data collection.", True),
    ("The law limits what private companies can collect.", "The law limits what companies can collect.", False),
    ("Only the party can censor public opinion.", "Only the party may censor public opinion.", False),
    ("The party censors public opinion.", "Only the party censors public opinion.", True),
    ("Firms hand over user data when sensitive content is found.", "Firms always hand over user data.", True),
    ("Firms hand over user data when sensitive content is found.", "Firms hand over user data on request.", False),
    ("The regulator fined four companies.", "The regulator's fines prove the market is broken.", True),
    ("The regulator fined four companies.", "The regulator fined four companies.", False),
    ("Officials adapt foreign ideas in some cases.", "Officials adapt foreign ideas.", True),
    ("Officials adapt foreign ideas in some cases.", "In some cases officials adapt foreign ideas.", False),
    # Overreach of other kinds the word check cannot see (a changed comparison, a merged clause):
    ("The crackdown offers a cautionary tale.", "The crackdown entrenches the state more than it curbs firms.", True),
    ("He said the party must guard against capital manipulating opinion.",
     "He said capital must never dilute the party's leadership.", True),
    # Faithful tags with ordinary words that look like the lists:
    ("The task is not so different, even if the political systems are.",
     "The task is much the same even though the political systems differ.", False),
    ("Regulation should not only restrain private companies; it should also limit the state.",
     "Regulation should restrain not only companies but also the state.", False),
]


def measure() -> tuple[float, float]:
    flagged = [bool(find_overreach(tag, [quote])) for quote, tag, _ in PAIRS]
    truth = [over for _, _, over in PAIRS]
    true_positive = sum(f and t for f, t in zip(flagged, truth, strict=True))
    precision = true_positive / sum(flagged)
    recall = true_positive / sum(truth)
    return precision, recall


def test_precision_and_recall_on_tags_written_for_the_tests() -> None:
    precision, recall = measure()
    assert precision >= 0.95, precision
    assert recall >= 0.85, recall


def test_overreach_is_a_located_warning_and_allow_overreach_silences_it(project) -> None:
    project.write("sources/s.md", "---\nid: s\ntitle: S\n---\nVery little restrains the state in this country.\n")
    claim = ("  - id: x\n    text: Nothing restrains the state.\n    supports: resolution\n"
             "    cite: {source: s, quote: Very little restrains the state}\n")
    project.write("arguments/m.yaml", "map: m\ntitle: T\nresolution: R holds.\nclaims:\n" + claim)
    found = [d for d in check(load_project(["arguments"])) if d.code == "AM405"]
    assert {str(d.location) for d in found} == {"arguments/m.yaml:5:5"} and not any(d.is_error for d in found)
    assert sorted(d.message.split("'")[3] for d in found) == ["nothing", "very little"]
    project.write("arguments/m.yaml", "map: m\ntitle: T\nresolution: R holds.\nclaims:\n" + claim
                  + "    allow_overreach: The tag rounds 'very little' down for the debate summary.\n")
    assert not [d for d in check(load_project(["arguments"])) if d.code == "AM405"]
