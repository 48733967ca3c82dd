"""Errors with stable codes, in the manner of spaCy's ``Errors``.

Each message is one line; the CLI prints ``presswatch: INPUT: [Wxxx] message``.
Codes never change meaning once released; new ones are appended.
"""

from __future__ import annotations


class PresswatchError(Exception):
    """Base class: ``code`` is stable, ``message`` is one human-readable line."""

    code = "E000"

    def __init__(self, message: str, *, source: str | None = None):
        super().__init__(message)
        self.message = message
        self.source = source

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class InputError(PresswatchError):
    """An input could not be read or is not an article (one bad item in a batch)."""

    code = "E001"


class EmptyInput(InputError):
    code = "E002"


class BinaryInput(InputError):
    code = "E003"


class DecodeError(InputError):
    code = "E004"


class TooLarge(InputError):
    code = "E005"


class FetchError(InputError):
    code = "E006"


class BlockedAddress(FetchError):
    code = "E007"


class MalformedRecord(InputError):
    code = "E008"


class ConfigError(PresswatchError):
    """A configuration file or option is wrong (a usage error, exit status 2)."""

    code = "E101"


class ModelError(PresswatchError):
    """A spaCy pipeline or a shipped model could not be loaded."""

    code = "E102"


class OutputError(ConfigError):
    """The output path (``-o``) cannot be written: a folder, a missing folder, no permission."""

    code = "E103"


# -- corpus store (E2xx) ------------------------------------------------------

class StoreError(PresswatchError):
    """The corpus database cannot be opened, migrated or written."""

    code = "E201"


class QueryError(ConfigError):
    """A query or filter is malformed (a usage error, exit status 2)."""

    code = "E202"


# Codes recorded in the store's `errors` table for documents that failed in a batch.
ANALYSIS_FAILED = "E203"  # analysis raised something that is not a PresswatchError
STORE_FAILED = "E204"  # the store refused one document
WORKER_DIED = "E205"  # a worker process died with this document in flight


class AnalysisFailed(PresswatchError):
    """A component raised on one document (a bug or a pathological text); the batch goes on."""

    code = ANALYSIS_FAILED


# -- web server (E3xx) ---------------------------------------------------------

class WebError(PresswatchError):
    """A request the web server refuses; ``status`` is its HTTP status."""

    code = "E300"
    status = 400


class BadRequest(WebError):
    code = "E301"
    status = 400


class Unauthorized(WebError):
    code = "E302"
    status = 401


class Forbidden(WebError):
    code = "E303"
    status = 403


class NotFound(WebError):
    code = "E304"
    status = 404


class PayloadTooLarge(WebError):
    code = "E305"
    status = 413


class Unavailable(WebError):
    code = "E306"
    status = 503
