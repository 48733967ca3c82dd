"""Language identification (langdetect, seeded so results are repeatable)."""

from __future__ import annotations

from langdetect import DetectorFactory, LangDetectException, detect

DetectorFactory.seed = 0
_SAMPLE = 3000  # characters: enough for a stable guess, cheap on long texts


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when it cannot be told."""
    sample = text[:_SAMPLE]
    if sum(ch.isalpha() for ch in sample) < 20:
        return None
    try:
        return detect(sample)
    except LangDetectException:
        return None
