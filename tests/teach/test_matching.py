"""Claim matching on the labelled test set (tests/teach/data/matching_pairs.yaml, written from the China
map): rewording is matched, unrelated sentences are not, and the opposite of a claim is named as such."""
from __future__ import annotations

from pathlib import Path

import yaml

from argmap.teach.matching import (MATCH_THRESHOLD, WordWeights, claim_similarity, matching_quality, opposite_polarity,
                                   says_the_opposite)

PAIRS = yaml.safe_load((Path(__file__).parent / "data" / "matching_pairs.yaml").read_text(encoding="utf-8"))


def test_the_test_set_is_as_large_as_the_issue_asks(china_map) -> None:
    assert (len(PAIRS["paraphrases"]), len(PAIRS["unrelated"]), len(PAIRS["inverted"])) >= (60, 60, 30)
    assert all(reference in china_map.claims for label in PAIRS for reference, _ in PAIRS[label])


def test_matching_precision_and_recall_hold_on_the_test_set(china_map) -> None:
    quality = matching_quality(china_map, PAIRS)
    # measured 0.912 / 0.839 in whole maps and 0.851 / 0.919 pair by pair; plain token_set_ratio >= 70, the
    # matcher before, gave 0.741 / 0.645 and 0.714 / 0.806
    assert quality["maps"]["precision"] >= 0.9 and quality["maps"]["recall"] >= 0.8, quality["maps"]
    assert quality["pairs"]["precision"] >= 0.84 and quality["pairs"]["recall"] >= 0.9, quality["pairs"]
    assert quality["maps"]["inversions"] >= 29                     # of 30 inversions, named as inversions
    assert len(quality["false inversions"]) <= 5                   # of 127 sentences that are not inversions


def test_the_issues_false_match_and_false_miss(china_map) -> None:
    surveillance = china_map.claims["firms-serve-surveillance"].text
    assert claim_similarity(surveillance, "Chinese tech firms help the state censor and spy on their users.",
                            WordWeights.of(china_map)) >= MATCH_THRESHOLD
    transparency = china_map.claims["firms-improved-privacy"].text
    assert says_the_opposite(transparency, "Firms such as Baidu and Tencent have become less transparent.",
                             WordWeights.of(china_map))


def test_negation_is_read_where_it_bears_on_shared_words() -> None:
    assert not opposite_polarity("There is no rule of law or redress.", "With no rule of law and no redress.")
    assert opposite_polarity("Rules defend users, which critics call not completely a facade.",
                             "The rules fail to defend users.")
    assert opposite_polarity("Regulation rarely limits the state.", "Regulation often limits the state.")
    assert not opposite_polarity("A task not so different from others, even if systems differ.",
                                 "Much the same task as others, despite different systems.")
