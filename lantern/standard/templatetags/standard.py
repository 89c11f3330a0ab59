from __future__ import annotations

from django import template

from lantern.standard.vocabularies import VOCABULARIES

register = template.Library()


@register.filter
def label(code: str, vocabulary: str) -> str:
    """The label of ``code`` in ``vocabulary`` in the active language; the code if unknown."""
    if not code:
        return "—"
    concept = VOCABULARIES[vocabulary].get(code)
    return concept.label if concept is not None else code


@register.filter
def vocabulary_title(name: str) -> str:
    return VOCABULARIES[name].title


@register.filter
def codes(obj: object, vocabulary: str) -> list[str]:
    """Codes of ``vocabulary`` held by a record with a ``codes_of`` method."""
    return obj.codes_of(vocabulary)  # type: ignore[attr-defined, no-any-return]


@register.filter
def text(obj: object, field: str) -> str:
    """A bilingual text of a record in the active language (``text`` method)."""
    return obj.text(field)  # type: ignore[attr-defined, no-any-return]
