"""Resolving municipality names as people type them (loaders.names)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from loaders.names import NameIndex, cbs_code, normalise_name

MUNICIPALITIES = [
    ("GM1773", "Olst-Wijhe"),
    ("GM1735", "Hof van Twente"),
    ("GM0193", "Zwolle"),
    ("GM0141", "Almelo"),
    ("GM0148", "Dalfsen"),
    ("GM1900", "Súdwest-Fryslân"),
    ("GM0796", "'s-Hertogenbosch"),
]


@pytest.fixture()
def index() -> NameIndex:
    return NameIndex(MUNICIPALITIES)


@given(st.text())
def test_normalise_name_is_idempotent(text: str) -> None:
    once = normalise_name(text)
    assert normalise_name(once) == once


@given(st.text())
def test_normalise_name_keeps_only_lowercase_ascii_letters_and_digits(text: str) -> None:
    assert all(c in "abcdefghijklmnopqrstuvwxyz0123456789" for c in normalise_name(text))


_WORD_CHARS = st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
_SEPARATORS = st.sampled_from([" ", "-", "  ", " - ", "'", "\u2013", "_", "."])


@given(st.lists(st.text(_WORD_CHARS, min_size=1, max_size=8), min_size=1, max_size=4), st.data())
def test_case_spaces_and_hyphens_do_not_matter(words: list[str], data: st.DataObject) -> None:
    joined = "".join(words)
    spaced = data.draw(_SEPARATORS).join(words)
    assert normalise_name(spaced) == normalise_name(joined.upper()) == joined.lower()


_ACCENTS = st.sampled_from(["\u0301", "\u0300", "\u0308", "\u0302", "\u0303", "\u0327"])


@given(st.text(st.sampled_from("aeiouncAEIOUNC"), min_size=1, max_size=12), st.data())
def test_diacritics_do_not_matter(plain: str, data: st.DataObject) -> None:
    accented = "".join(c + data.draw(_ACCENTS) for c in plain)
    composed = unicodedata.normalize("NFC", accented)
    assert normalise_name(composed) == normalise_name(plain)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  Olst - Wijhe ", "olstwijhe"),
        ("OLST–WIJHE", "olstwijhe"),
        ("'s-Hertogenbosch", "shertogenbosch"),
        ("Súdwest-Fryslân", "sudwestfryslan"),
        ("Hof van Twente", "hofvantwente"),
    ],
)
def test_normalise_name_examples(text: str, expected: str) -> None:
    assert normalise_name(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("GM0163", "GM0163"),
        ("gm0163", "GM0163"),
        ("GM163", "GM0163"),
        ("0163", "GM0163"),
        ("163", "GM0163"),
        (" GM 0163 ", "GM0163"),
        ("1773", "GM1773"),
        ("GM01634", None),
        ("Almelo", None),
        ("GM", None),
        ("", None),
    ],
)
def test_cbs_code_forms(text: str, expected: str | None) -> None:
    assert cbs_code(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "GM1773",
        "gm1773",
        "1773",
        "Olst-Wijhe",
        "olst wijhe",
        "OLST-WIJHE",
        "Olst – Wijhe",
        "olstwijhe",
        " Olst-Wijhe ",
    ],
)
def test_resolve_olst_wijhe_however_written(index: NameIndex, text: str) -> None:
    assert index.resolve(text).key == "GM1773"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("hof-van-twente", "GM1735"),
        ("Sudwest Fryslan", "GM1900"),
        ("s Hertogenbosch", "GM0796"),
        ("ZWOLLE", "GM0193"),
    ],
)
def test_resolve_ignores_case_diacritics_hyphens_and_apostrophes(
    index: NameIndex, text: str, key: str
) -> None:
    assert index.resolve(text).key == key


def test_unknown_name_suggests_the_close_match(index: NameIndex) -> None:
    resolution = index.resolve("Olst Wyhe")
    assert resolution.key is None
    assert resolution.suggestions == ("Olst-Wijhe",)
    assert (
        resolution.unknown_message("gemeente", "Olst Wyhe")
        == "gemeente 'Olst Wyhe' is onbekend; bedoelde u Olst-Wijhe?"
    )


def test_misspelling_of_a_multi_word_name(index: NameIndex) -> None:
    assert index.resolve("Hof van Twenthe").suggestions == ("Hof van Twente",)


def test_far_away_name_gets_no_suggestion(index: NameIndex) -> None:
    resolution = index.resolve("Amsterdam")
    assert resolution == type(resolution)(None, ())
    assert resolution.unknown_message("gemeente", "Amsterdam") == "gemeente 'Amsterdam' is onbekend"


def test_unknown_code_is_not_resolved_and_gets_no_lookalike(index: NameIndex) -> None:
    # GM0194 is one digit from Zwolle's GM0193, but a near code is another place, not a typo
    assert index.resolve("GM0194") == type(index.resolve("x"))(None, ())
    assert index.resolve("GM9999").key is None


def test_aliases_map_extra_texts_to_keys() -> None:
    vocabulary = NameIndex(
        [("nl-doet", "NL Doet"), ("maatschappelijke-stage", "Maatschappelijke stage (MaS)")],
        aliases=[("MaS", "maatschappelijke-stage"), ("NL.Doet", "nl-doet")],
    )
    assert vocabulary.resolve("mas").key == "maatschappelijke-stage"
    assert vocabulary.resolve("NL DOET").key == "nl-doet"
    assert vocabulary.resolve("nl-doet").key == "nl-doet"
    assert vocabulary.resolve("Maatschappelijke stage (MaS)").key == "maatschappelijke-stage"
    assert vocabulary.display("nl-doet") == "NL Doet"


def test_empty_text_resolves_to_nothing_without_suggestions(index: NameIndex) -> None:
    assert index.resolve("  ") == type(index.resolve("  "))(None, ())
