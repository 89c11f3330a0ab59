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
