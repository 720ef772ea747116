"""Pages like a page or like a text: by meaning (the page vectors) and by the terms they share,
with a short explanation ("Ook over: Zelfsturende teams"). For "Vergelijkbare praktijkvoorbeelden",
and for other apps (an agenda, colleagues, the knowledge-question intake) through
`search.semantic.similar_to_text`."""

from dataclasses import dataclass, field

import numpy as np
from django.utils.translation import gettext as _
from wagtail.models import Page

from changes.version import current_version
from search import registry
from search.analysis import tokenize
from search.facet_index import facet_index
from search.pipeline import load_facet_docs, locale_id_for
from search.semantic.encoder import get_encoder, model_name
from search.semantic.matrix import matrix_for
from search.terms import with_language_labels

SHARED_TERM_WEIGHT = 0.04  # a shared theme, group or learning form adds this much to the cosine
CANDIDATES = 50


@dataclass(frozen=True)
class SimilarPage:
    page_id: int
    title: str
    url: str
    document_type: str
    similarity: float  # cosine with the page or text (0.0 without a model)
    shared_terms: list[str] = field(default_factory=list)  # labels of terms both carry
    explanation: str = ""  # "Ook over: …", or why else it is similar


def _explaining_facets():
    """The facets whose terms say what a page is about (shown as a list on a hit)."""
    return [facet.name for facet in registry.facets() if facet.hit_field and not facet.single]


def _index(language, version):
    locale_id = locale_id_for(language, version)
    if locale_id is None:
        return None, {}
    index = facet_index(locale_id, load_facet_docs)
    return index, with_language_labels(index.terms, locale_id)


def _positions(mask):
    """The doc positions in a bitset of the facet index."""
    return [i for i, bit in enumerate(reversed(bin(mask)[2:])) if bit == "1"]


def _explain(shared, similarity, floor):
    if shared:
        return _("Ook over: %(terms)s") % {"terms": ", ".join(shared)}
    if similarity >= floor:
        return _("Verwant in betekenis")
    return ""


def _rank(index, terms, scores, own_values, types, exclude, limit, floor, text_tokens=None):
    """The best pages of the index by cosine (`scores`: page id -> cosine) plus shared terms."""
    facets = _explaining_facets()
    candidates = set(scores)
    if own_values:
        for name in facets:
            for value in own_values.get(name, ()):
                mask = index.masks.get(name, {}).get(value, 0)
                candidates.update(index.docs[i].page_id for i in _positions(mask))
    ranked = []
    for pk in candidates:
        position = index.position.get(pk)
        if position is None or pk in exclude:
            continue
        doc = index.docs[position]
        if types and doc.document_type not in types:
            continue
        shared = []
        for name in facets:
            labels = terms.get(name, {})
            for value in doc.values.get(name, ()):
                label = labels[value].label if value in labels else value
                if value in own_values.get(name, ()) or (
                    text_tokens and set(tokenize(label)) <= text_tokens and tokenize(label)
                ):
                    shared.append(label)
        similarity = scores.get(pk, 0.0)
        if similarity < floor and not shared:
            continue
        ranked.append((similarity + SHARED_TERM_WEIGHT * len(shared), similarity, pk, shared))
    ranked.sort(key=lambda item: (-item[0], item[2]))
    return ranked[:limit]


def _pages(ranked, index, floor):
    pages = {page.id: page for page in Page.objects.filter(id__in=[r[2] for r in ranked])}
    found = []
    for _score, similarity, pk, shared in ranked:
        page = pages.get(pk)
        if page is None:
            continue
        found.append(
            SimilarPage(
                page_id=pk,
                title=page.title,
                url=page.get_url() or "",
                document_type=index.docs[index.position[pk]].document_type,
                similarity=round(similarity, 4),
                shared_terms=shared,
                explanation=_explain(shared, similarity, floor),
            )
        )
    return found


def _cosines(language, vector, floor, version):
    matrix = matrix_for(language, model_name(), version)
    if vector is None or not len(matrix.page_ids):
        return {}
    scores = matrix.similarities(vector)
    best = np.argsort(-scores)[:CANDIDATES]
    return {int(matrix.page_ids[k]): float(scores[k]) for k in best if scores[k] >= floor}


def similar_to_page(page, limit=4, types=None):
    """Live, public pages of the page's language most like `page`: by meaning and shared terms.
    Without a model (or vectors) only shared terms count."""
    language = page.locale.language_code
    version = current_version()
    index, terms = _index(language, version)
    if index is None:
        return []
    position = index.position.get(page.pk)
    own_values = index.docs[position].values if position is not None else {}
    encoder = get_encoder()
    floor = encoder.spec.similar_floor if encoder else 1.0
    vector = None
    if encoder is not None:
        vector = matrix_for(language, model_name(), version).vector_of(page.pk)
    scores = _cosines(language, vector, floor, version)
    ranked = _rank(index, terms, scores, own_values, types, {page.pk}, limit, floor)
    return _pages(ranked, index, floor)


def similar_to_text(text, language="nl", types=None, limit=5, exclude=()):
    """Live, public pages most like a free text (a knowledge question, an activity's description),
    best first, as `SimilarPage`s: by meaning, plus the terms (themes, groups, learning forms) the
    text names. `types`: registered document type names ("praktijkvoorbeeld", …); `exclude`: page
    ids to leave out. Without a model it finds pages by the terms the text names only."""
    version = current_version()
    index, terms = _index(language, version)
    if index is None or not text or not text.strip():
        return []
    encoder = get_encoder()
    floor = encoder.spec.floor if encoder else 1.0
    vector = encoder.query(text) if encoder is not None else None
    scores = _cosines(language, vector, floor, version)
    tokens = set(tokenize(text))
    ranked = _rank(index, terms, scores, {}, types, set(exclude), limit, floor, tokens)
    if not scores:
        ranked = [r for r in ranked if r[3]]
    return _pages(ranked, index, floor)
