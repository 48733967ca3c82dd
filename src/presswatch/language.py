"""Language identification (langdetect, seeded so results are repeatable)."""

from __future__ import annotations

from langdetect import DetectorFactory, LangDetectException, detect_langs

DetectorFactory.seed = 0
_SAMPLE = 3000  # characters: enough for a stable guess, cheap on long texts
# langdetect splits its vote on short or name-heavy text ("Putin met Biden in Geneva." is nl 0.57,
# de 0.43); below this share no language is claimed, rather than a false "not English" warning.
_MIN_PROBABILITY = 0.9


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when it cannot be told (under 20 letters,
    or no language at :data:`_MIN_PROBABILITY` or more)."""
    sample = text[:_SAMPLE]
    if sum(ch.isalpha() for ch in sample) < 20:
        return None
    try:
        best = detect_langs(sample)[0]
    except (LangDetectException, IndexError):
        return None
    return best.lang if best.prob >= _MIN_PROBABILITY else None
