"""Which student claim says what which reference claim says: matching that survives rewording and
sees negation.

Claims are matched first by id, then by text: each remaining student claim is paired with the
reference claim whose wording is most similar (:func:`claim_similarity`: the content words of both,
stemmed, with synonyms merged, weighted by how rare each is in the reference map), best pairs first,
one to one, when the similarity is at least ``MATCH_THRESHOLD``. Two sentences that say opposite
things (:func:`opposite_polarity`) never match, however alike their words: they are an inversion,
which the feedback names as such. benchmarks/eval_matching.py measures both on a labelled test set.
"""
from __future__ import annotations

import math
import re
from functools import lru_cache

import snowballstemmer

from argmap.model import ArgumentMap

#: The least similarity (0-100) at which two wordings are taken to state the same claim; chosen on the
#: test set (tests/teach/data/matching_pairs.yaml) for precision first, as a false match hides a miss.
MATCH_THRESHOLD = 45
#: A student sentence of opposite polarity is named an inversion of a reference claim when at least this
#: share of its own words (by weight) are the claim's.
INVERSION_CONTAINMENT = 70

#: Words that say a thing is not so (or, as "rather than", not this but that): they deny what follows them.
NEGATIONS = frozenset("not no never none nor neither nothing nobody cannot can't don't doesn't didn't isn't aren't "
                      "wasn't weren't won't wouldn't shouldn't hasn't haven't hardly rarely seldom without fail fails "
                      "failed lack lacks rather".split())
#: Words that say something grew or improved, and words that say it shrank or worsened.
UP = frozenset("more improve improved improves improving better greater higher increase increased increases rise "
               "rose risen gain gained gains strengthen strengthened stronger grow grew grown growing boost boosted "
               "expand expanded help helps helped protect protects protected".split())
DOWN = frozenset("less fewer worse worsen worsened worsens lower decrease decreased decreases fall fell fallen "
                 "decline declined declines lose lost loses weaken weakened weaker shrink shrank reduce reduced "
                 "reduces cut cuts harm harms harmed hurt hurts undermine undermined undermines".split())
#: Pairs of words of opposite sense: one in each sentence flips what the other asserts.
ANTONYMS = tuple(tuple(pair.split("/")) for pair in (
    "positive/negative good/bad tighten/loosen tightening/loosening praise/criticise praised/criticised "
    "praise/criticize praised/criticized encourage/stifle encouraging/stifling restore/destroy "
    "restores/destroys remained/disappeared remain/disappear strong/weak same/different success/failure "
    "win/lose won/lost").split())   # "rarely", "never": negations, not opposites
#: Words that carry no claim of their own ("more" and "less" stay: they carry direction).
STOP_WORDS = frozenset("a an the and or but if then so of to in on at by for with from into onto as is are was were "
                       "be been being has have had do does did this that these those it its their them they there "
                       "here which who whom whose what when where why how than too very can could may might must "
                       "should would will shall also only even just much many some any each all both other others "
                       "such own about over under again once most".split())
#: Words a paraphrase swaps for one another, each group read as its first word (the rewordings the
#: test set showed plain string similarity missing: "spy on" for "surveil", "jailed" for "prison").
SYNONYMS = tuple(group.split() for group in (
    "surveil spy surveillance monitor", "censor censorship", "jail prison imprison", "firm company business corporation",
    "china chinese", "government state authorities", "panacea cure remedy fix", "warning cautionary warn",
    "sell divest", "fear worry worried", "expression speech", "ends goals aims outcomes", "submission submit",
    "executive boss ceo", "law legal", "protect defend", "pass promulgate adopt", "resurface reappear",
    "disappear vanish", "appropriate suitable", "bar stop prohibit ban", "censure reprimand",
    "big large giant outsized", "tech technology", "manipulate steer", "rule regulation"))

_STEMMER = snowballstemmer.stemmer("english")
_CANONICAL = {_STEMMER.stemWord(word): _STEMMER.stemWord(group[0]) for group in SYNONYMS for word in group}


def _words(text: str) -> list[str]:
    """Lower-case words, apostrophes kept inside ("can't"), a possessive "'s" dropped."""
    found = re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text.lower().replace("\u2019", "'"))
    return [w[:-2] if w.endswith("'s") else w for w in found]


@lru_cache(maxsize=8192)
def _stem(word: str) -> str:
    stem = _STEMMER.stemWord(word)
    return _CANONICAL.get(stem, stem)


def content_stems(text: str) -> list[str]:
    """The words that carry a sentence's content, stemmed and with synonyms merged, in order.

    >>> content_stems("Chinese tech firms help the state censor and spy on their users.")
    ['china', 'tech', 'firm', 'help', 'govern', 'censor', 'surveil', 'user']
    """
    return [_stem(w) for w in _words(text) if w not in STOP_WORDS and w not in NEGATIONS]


@lru_cache(maxsize=8192)
def _content_set(text: str) -> frozenset[str]:
    """:func:`content_stems` as a set, kept per text: matching compares every claim with every other."""
    return frozenset(content_stems(text))


class WordWeights:
    """How much each content word says: rare words in the reference map (names, specific terms) weigh
    more than words most of its claims share ("China", "tech"); a word the map never uses weighs most."""

    def __init__(self, texts: list[str]):
        self.documents = len(texts)
        self.frequency: dict[str, int] = {}
        for text in texts:
            for stem in _content_set(text):
                self.frequency[stem] = self.frequency.get(stem, 0) + 1

    @classmethod
    def of(cls, reference: ArgumentMap) -> WordWeights:
        """The weights of a reference map's vocabulary."""
        return cls([claim.text for claim in reference.claims.values()])

    def weight(self, stem: str) -> float:
        """The inverse document frequency of a stem among the texts (smoothed)."""
        return math.log((self.documents + 1) / (self.frequency.get(stem, 0) + 1)) + 1


def claim_similarity(reference_text: str, student_text: str, weights: WordWeights | None = None) -> float:
    """How alike two claims' wordings are, 0-100: the cosine of their content words weighted by rarity.

    >>> round(claim_similarity("China's tech firms take part in censorship and surveillance of users.",
    ...                        "Chinese tech firms help the state censor and spy on their users."))
    60
    """
    weights = weights or WordWeights([reference_text, student_text])
    one, two = _content_set(reference_text), _content_set(student_text)
    if not one or not two:
        return 0.0
    shared = sum(weights.weight(s) ** 2 for s in one & two)
    return 100 * shared / math.sqrt(sum(weights.weight(s) ** 2 for s in one) * sum(weights.weight(s) ** 2 for s in two))


#: Stems of the words that carry direction or an opposite (left out of :func:`containment`).
_POLAR = frozenset(_stem(w) for w in UP | DOWN | {w for pair in ANTONYMS for w in pair})


def containment(reference_text: str, student_text: str, weights: WordWeights) -> float:
    """How much of what the student wrote (its content words, weighted by rarity, leaving out words
    of direction such as "more" or "less") the reference claim also says, 0-100: a short sentence that
    reverses part of a long claim shares little of it, but most of what it says is in it."""
    theirs = _content_set(student_text) - _POLAR
    if not theirs:
        return 0.0
    ours = _content_set(reference_text)
    return 100 * sum(weights.weight(s) for s in theirs & ours) / sum(weights.weight(s) for s in theirs)


def says_the_opposite(reference_text: str, student_text: str, weights: WordWeights) -> bool:
    """Whether the student's claim reverses the reference claim: opposite in polarity, and either alike
    in wording or (for a short sentence turning part of a long claim round) mostly made of its words."""
    return opposite_polarity(reference_text, student_text) and (
        claim_similarity(reference_text, student_text, weights) >= MATCH_THRESHOLD
        or containment(reference_text, student_text, weights) >= INVERSION_CONTAINMENT)


def opposite_polarity(first: str, second: str) -> bool:
    """Whether two similar sentences say opposite things: one negates what the other asserts (a "not",
    "no", "never", "fails to" ... before words both use), or one speaks of a rise or improvement, or of
    one of a pair of opposites (positive/negative, praise/criticise), where the other speaks of the other
    (several such opposites in one sentence still read as one reversal: "praised it for encouraging"
    against "criticised it for stifling").

    >>> opposite_polarity("Firms such as Baidu and Tencent have become less transparent.",
    ...                   "Firms have improved privacy, security and transparency.")
    True
    >>> opposite_polarity("The crackdown is not a model.", "The crackdown is a model."), opposite_polarity(
    ...     "Antitrust is not a panacea.", "Antitrust measures are not a panacea.")
    (True, False)
    >>> opposite_polarity("Rules defend users, which even critics call not completely a facade.",
    ...                   "The rules fail to defend users.")
    True
    """
    one, two = _words(first), _words(second)
    shared = {_stem(w) for w in one} & {_stem(w) for w in two}

    def negated(words: list[str]) -> set[str]:
        """The words both sentences use that a negation bears on (the next four words after it)."""
        return {_stem(w) for i, word in enumerate(words) if word in NEGATIONS for w in words[i + 1:i + 5]} & shared

    def direction(found: list[str]) -> int:
        up, down = bool(set(found) & UP), bool(set(found) & DOWN)
        return 0 if up == down else (1 if up else -1)

    denied = bool(negated(one)) != bool(negated(two))     # one denies shared content, the other does not
    flipped = direction(one) * direction(two) < 0
    words_one, words_two = set(one), set(two)
    opposites = sum((a in words_one and b in words_two and b not in words_one)
                    or (b in words_one and a in words_two and a not in words_one) for a, b in ANTONYMS)
    return denied != (flipped or opposites > 0)


def match_claims(student: ArgumentMap, reference: ArgumentMap,
                 weights: WordWeights | None = None) -> dict[str, tuple[str, float]]:
    """Reference claim id -> (student claim id, similarity): by id, then by text similarity (greedy, 1:1).
    Two claims that say opposite things (:func:`opposite_polarity`) never match, however alike their words."""
    weights = weights or WordWeights.of(reference)
    matched = {i: (i, 100.0) for i in reference.claims
               if i in student.claims and not student.claims[i].generated_id
               and not reference.claims[i].generated_id}
    matched[reference.resolution] = (student.resolution, 100.0)
    used = {s for s, _ in matched.values()}
    candidates = []
    for r_id, r_claim in reference.claims.items():
        if r_id in matched:
            continue
        for s_id, s_claim in student.claims.items():
            if s_id not in used:
                score = claim_similarity(r_claim.text, s_claim.text, weights)
                if score >= MATCH_THRESHOLD and not opposite_polarity(r_claim.text, s_claim.text):
                    candidates.append((score, r_id, s_id))
    for score, r_id, s_id in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if r_id not in matched and s_id not in used:
            matched[r_id] = (s_id, score)
            used.add(s_id)
    return matched


def matching_quality(reference: ArgumentMap, pairs: dict[str, list[list[str]]]) -> dict:
    """Precision and recall of the matcher on labelled pairs (``paraphrases`` should match their
    reference claim; ``unrelated`` and ``inverted`` should not; an inversion should be named as one):
    pair by pair, and inside a whole map where every sentence competes for every reference claim.
    The figures benchmarks/eval_matching.py prints and the tests hold to."""
    from argmap.model import Claim, Location

    weights = WordWeights.of(reference)
    quality: dict = {}
    labelled = {label: [(r, s) for r, s in items] for label, items in pairs.items()}

    def similar(reference_id: str, sentence: str) -> bool:
        return claim_similarity(reference.claims[reference_id].text, sentence, weights) >= MATCH_THRESHOLD

    def matches(reference_id: str, sentence: str) -> bool:
        return similar(reference_id, sentence) and not opposite_polarity(reference.claims[reference_id].text, sentence)

    named = sum(says_the_opposite(reference.claims[r].text, s, weights) for r, s in labelled["inverted"])
    quality["false inversions"] = [(r, s) for r, s in labelled["unrelated"] + labelled["paraphrases"]
                                   if says_the_opposite(reference.claims[r].text, s, weights)]
    matched = [pair for pair in labelled["paraphrases"] if matches(*pair)]
    false = [pair for pair in labelled["unrelated"] + labelled["inverted"] if matches(*pair)]
    quality["failures"] = {"missed": [p for p in labelled["paraphrases"] if p not in matched], "false": false}
    quality["pairs"] = _figures(len(matched), len(labelled["paraphrases"]), len(false), named)
    sentences = [s for label in ("paraphrases", "unrelated", "inverted") for _, s in labelled[label]]
    claims = {f"s{i}": Claim(f"s{i}", text, Location("student", i + 1, 1)) for i, text in enumerate(sentences)}
    claims["s-resolution"] = Claim("s-resolution", reference.claims[reference.resolution].text, Location("student", 1, 1))
    student = ArgumentMap("student", "Student", "s-resolution", "", claims, {}, {}, [], [])
    found = {student.claims[s].text: r for r, (s, _) in match_claims(student, reference, weights).items()
             if s != "s-resolution"}
    right = sum(found.get(s) == r for r, s in labelled["paraphrases"])
    quality["maps"] = _figures(right, len(labelled["paraphrases"]), len(found) - right, named)
    return quality


def _figures(right: int, wanted: int, false: int, inversions: int) -> dict:
    return {"right": right, "missed": wanted - right, "false": false, "inversions": inversions,
            "precision": right / (right + false) if right + false else 1.0, "recall": right / wanted}
