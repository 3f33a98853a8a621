"""Text without its accents, in its own case: "Šefčovič" reads "Sefcovic", "Erdoğan" "Erdogan"."""

from __future__ import annotations

import unicodedata


def without_accents(text: str) -> str:
    """``text`` without accents ("Šefčovič" as "Sefcovic"), in its own case."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))
