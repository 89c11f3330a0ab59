"""Public API of the data standard: vocabularies and the JSON Schema of each entity."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router, Schema

from lantern.standard.schemas import ENTITIES
from lantern.standard.vocabularies import VOCABULARIES

router = Router(tags=["standard"])


class ConceptOut(Schema):
    code: str
    label_en: str
    label_fr: str
    definition_en: str
    definition_fr: str


class VocabularyOut(Schema):
    name: str
    title_en: str
    title_fr: str
    source: str
    concepts: list[ConceptOut]


@router.get("/vocabularies", response=list[VocabularyOut], auth=None)
def list_vocabularies(request: HttpRequest) -> list[dict[str, Any]]:
    return [_vocabulary_out(name) for name in VOCABULARIES]


@router.get("/vocabularies/{name}", response=VocabularyOut, auth=None)
def get_vocabulary(request: HttpRequest, name: str) -> dict[str, Any]:
    if name not in VOCABULARIES:
        raise Http404
    return _vocabulary_out(name)


def _vocabulary_out(name: str) -> dict[str, Any]:
    vocabulary = VOCABULARIES[name]
    return {
        "name": vocabulary.name,
        "title_en": vocabulary.title_en,
        "title_fr": vocabulary.title_fr,
        "source": vocabulary.source,
        "concepts": [
            {"code": c.code, "label_en": c.en, "label_fr": c.fr,
             "definition_en": c.definition_en, "definition_fr": c.definition_fr}
            for c in vocabulary.concepts
        ],
    }


@router.get("/schemas", response=list[str], auth=None)
def list_schemas(request: HttpRequest) -> list[str]:
    return list(ENTITIES)


@router.get("/schemas/{entity}", auth=None)
def get_schema(request: HttpRequest, entity: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one entity of the standard."""
    schema = ENTITIES.get(entity)
    if schema is None:
        raise Http404
    return schema.model_json_schema()
