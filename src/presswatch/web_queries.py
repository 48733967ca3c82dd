"""What the web API adds to the store's queries (those live in :mod:`presswatch.store_query`).

- :data:`MAX_PAGE`: rows per page of a list endpoint;
- :func:`json_safe`: database values as plain JSON numbers and strings.
"""

from __future__ import annotations

import json
from typing import Any

MAX_PAGE = 200  # rows per page of a list endpoint


def json_safe(data: Any) -> Any:
    """Round-trip through JSON so database types (e.g. Decimal from PostgreSQL) become plain numbers."""
    return json.loads(json.dumps(data, default=float))
