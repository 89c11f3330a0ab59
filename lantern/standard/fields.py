"""Form fields whose choices are the codes of a vocabulary, labelled in the active language."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms

from lantern.standard.vocabularies import vocabulary


def vocabulary_choices(name: str, *, blank: Any = None) -> Callable[[], list[tuple[str, Any]]]:
    """Choices built when the form is drawn, so labels follow the request's language; with
    ``blank``, an empty first choice with that label."""

    def build() -> list[tuple[str, Any]]:
        options: list[tuple[str, Any]] = list(vocabulary(name).choices())
        return [("", blank), *options] if blank is not None else options

    return build


def coded(name: str, label: Any, *, required: bool = True, blank: Any = None) -> forms.Field:
    """A select of the codes of ``name``."""
    return forms.ChoiceField(label=label, choices=vocabulary_choices(name, blank=blank),
                             required=required)


def coded_many(name: str, label: Any) -> forms.MultipleChoiceField:
    """Checkboxes for any number of the codes of ``name``."""
    return forms.MultipleChoiceField(label=label, choices=vocabulary_choices(name),
                                     required=False, widget=forms.CheckboxSelectMultiple)
