"""The tuning half and the held-out half of the shared labelled plans, split by organisation.

Tuning on every labelled plan and then quoting accuracy on the same plans measures memory, not
judgement. So each set is split by organisation (all versions of one organisation's plan fall
in the same half) in an order fixed by a hash of the set and the organisation key: nobody chose
which plan goes where. The plans that an issue names as misread are pinned to the tuning half,
because fixing them means looking at them.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable
from typing import Literal

Half = Literal["tuning", "held-out"]
HALVES: tuple[Half, Half] = ("tuning", "held-out")

# Named in the judgement issue (Tesseract Academy, Lean Tree, SSG, EDAN): looked at, so tuning.
PINNED_TUNING = {
    "real": {
        "tesseract-academy-kampakis-and-co",
        "lean-tree",
        "ssg-support-services-group",
        "edan-uk",
    },
}


def organisation_key(set_name: str, file: str) -> str:
    """The organisation a labelled file belongs to: real plans share a prefix per organisation
    ("lean-tree_carbon-reduction-plan_2024.pdf"); excerpts and varied plans are one each."""
    name = file.rsplit("/", 1)[-1]
    if set_name == "real":
        return name.split("_", 1)[0]
    return name.rsplit(".", 1)[0]


def _order(set_name: str, key: str) -> str:
    return hashlib.sha256(f"{set_name}:{key}".encode()).hexdigest()


def split(set_name: str, keys: Iterable[str]) -> dict[str, Half]:
    """Each organisation key's half: pinned keys first, then hash order; the first half (rounded
    up) tunes, the rest is held out."""
    unique = sorted(set(keys))
    pinned = PINNED_TUNING.get(set_name, set())
    ordered = sorted(unique, key=lambda k: (k not in pinned, _order(set_name, k)))
    cut = max(math.ceil(len(ordered) / 2), len(pinned & set(unique)))
    return {key: ("tuning" if i < cut else "held-out") for i, key in enumerate(ordered)}
