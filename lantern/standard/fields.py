"""Form fields whose choices are the codes of a vocabulary, labelled in the active language."""

from __future__ import annotations

import copy
from collections.abc import Callable
from functools import cache
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


class CodeField(forms.ChoiceField):
    """A select of a vocabulary's codes that checks a value against the codes alone: the
    labelled choices are drawn only to show the select. Drawing them to check a value took
    a fifth of the time of a public search or report."""

    def __init__(self, name: str, label: Any, *, required: bool, blank: Any) -> None:
        super().__init__(label=label, choices=vocabulary_choices(name, blank=blank),
                         required=required)
        self.vocabulary = name

    def valid_value(self, value: Any) -> bool:
        return str(value) in _codes(self.vocabulary)

    def __deepcopy__(self, memo: dict[int, Any]) -> CodeField:
        # Each form copies its fields (Field.__deepcopy__), choices included; the choices
        # are one function of the vocabulary that nothing changes, so the copies share it.
        result = copy.copy(self)
        memo[id(self)] = result
        result.widget = copy.copy(self.widget)
        result.widget.attrs = self.widget.attrs.copy()
        result.error_messages = self.error_messages.copy()
        result.validators = self.validators[:]
        return result


@cache
def _codes(name: str) -> frozenset[str]:
    return frozenset(vocabulary(name).codes())


def coded(name: str, label: Any, *, required: bool = True, blank: Any = None) -> forms.Field:
    """A select of the codes of ``name``."""
    return CodeField(name, label, required=required, blank=blank)


def coded_many(name: str, label: Any) -> forms.MultipleChoiceField:
    """Checkboxes for any number of the codes of ``name``."""
    return forms.MultipleChoiceField(label=label, choices=vocabulary_choices(name),
                                     required=False, widget=forms.CheckboxSelectMultiple)
