from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from lantern.standard.vocabularies import VOCABULARIES


@require_safe
def vocabulary_index(request: HttpRequest) -> HttpResponse:
    return render(request, "standard/index.html", {"vocabularies": VOCABULARIES.values()})


@require_safe
def vocabulary_detail(request: HttpRequest, name: str) -> HttpResponse:
    vocabulary = VOCABULARIES.get(name)
    if vocabulary is None:
        raise Http404
    return render(request, "standard/vocabulary.html", {"vocabulary": vocabulary})
