"""The shape of a controlled vocabulary of the Lantern data standard."""

from __future__ import annotations

from dataclasses import dataclass, field

from lantern.core.i18n import pick


@dataclass(frozen=True)
class Concept:
    """One code of a vocabulary, with its labels and definition in both official languages."""

    code: str
    en: str
    fr: str
    definition_en: str = ""
    definition_fr: str = ""
    # Free-form markers used by the rest of the system, e.g. "trafficking" or "alternate"
    # on charges, "minor" on offences against children.
    tags: frozenset[str] = field(default_factory=frozenset)

    @property
    def label(self) -> str:
        return pick(self.en, self.fr)

    @property
    def definition(self) -> str:
        return pick(self.definition_en, self.definition_fr)


@dataclass(frozen=True)
class Vocabulary:
    """A named list of codes; ``source`` says where the list comes from."""

    name: str
    title_en: str
    title_fr: str
    source: str
    concepts: tuple[Concept, ...]

    @property
    def title(self) -> str:
        return pick(self.title_en, self.title_fr)

    def codes(self) -> list[str]:
        return [concept.code for concept in self.concepts]

    def get(self, code: str) -> Concept | None:
        for concept in self.concepts:
            if concept.code == code:
                return concept
        return None

    def choices(self) -> list[tuple[str, str]]:
        """Django form/model choices; labels follow the active language."""
        return [(concept.code, concept.label) for concept in self.concepts]

    def with_tag(self, tag: str) -> list[Concept]:
        return [concept for concept in self.concepts if tag in concept.tags]


def tags(*names: str) -> frozenset[str]:
    return frozenset(names)
