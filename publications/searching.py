"""Publications in search: their document type (registered from PublicationsConfig.ready), and on
which pages of which file the words of a query occur ("gevonden op p. 12"), with the search app's own
analysis and highlighting."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from search.analysis import analyse_tokens, strip_html
from search.documents import SearchDocument
from search.facts import add_links, linked_pages
from search.highlight import make_snippet
from search.registry import DocumentType, Facts, HitField, register_label_source, register_type

PUBLICATION_TYPE = "publicatie"  # the "type" facet value of a publication
MAX_PAGES_SHOWN = 5
INDEX_LANGUAGE = "nl"  # the language page tokens are analysed in when the text is read


@dataclass(frozen=True)
class PageMatch:
    """Where the words of a query occur in one file of a publication."""

    file: object  # PublicationFile
    pages: list[int]  # 1-based page numbers, all of them
    excerpt: str  # HTML-safe, the matched words in <mark> (search.highlight)

    @property
    def shown_pages(self):
        return self.pages[:MAX_PAGES_SHOWN]

    @property
    def more_pages(self):
        return max(0, len(self.pages) - MAX_PAGES_SHOWN)

    @property
    def label(self):
        return self.file.label

    @property
    def url(self):
        """The file; a PDF opens at the first page the words are on (the viewer reads #page=N)."""
        if self.pages and self.file.extension == "pdf":
            return f"{self.file.url}#page={self.pages[0]}"
        return self.file.url


def page_tokens(pages, language=INDEX_LANGUAGE):
    """The index tokens of every page, as stored with the text (search.analysis)."""
    return [sorted(set(analyse_tokens(text, language))) for text in pages]


def body_passages(page):
    return [strip_html(page.body.source if hasattr(page.body, "source") else str(page.body))]


def publication_passages(page):
    """What a publication's snippet is cut from when the query is not (only) in its files."""
    passages = [page.summary, *body_passages(page)]
    return [" ".join(p.split()) for p in passages if p and p.strip()]


def build_publication_document(page):
    labels = [p.name for p in page.publishers] + [p.short_name for p in page.publishers]
    labels += [page.authors] + [t.name for t in page.themes]
    labels += [g.name for g in page.professional_groups]
    labels += [f.label for f in page.files.all()]
    return SearchDocument(
        language=page.locale.language_code,
        title=page.title,
        summary=page.summary,
        labels=[label for label in labels if label],
        passages=body_passages(page),
    )


def publication_embedding_texts(page):
    """What search by meaning embeds of a publication: title, summary and body, then each page of
    text of its files (so a question finds the report by the page that answers it)."""
    from publications.models import DocumentText

    texts = [" ".join([page.title + ".", *publication_passages(page)])]
    records = DocumentText.objects.filter(
        document_id__in=[item.document_id for item in page.files.all()],
        status=DocumentText.Status.DONE,
    ).order_by("document_id")
    for record in records:
        texts += [f"{page.title}. {text}" for text in record.pages if text and text.strip()]
    return texts


def file_tokens(page):
    """The stored index tokens of all the publication's files, for the analysed body."""
    from publications.models import DocumentText

    records = DocumentText.objects.filter(
        document_id__in=[item.document_id for item in page.files.all()],
        status=DocumentText.Status.DONE,
    )
    tokens = []
    for record in records:
        for page_set in record.tokens_for(page.locale.language_code):
            tokens.extend(page_set)
    return tokens


def _group_matches(group, tokens):
    return any(all(token in tokens for token in alternative) for alternative in group.alternatives)


def locate(publication, plan, language=None):
    """For each file of `publication`, the pages that match the most groups of `plan` (all, ideally).

    `plan` is a `search.analysis.QueryPlan`; pages are compared on the tokens stored when the
    text was read, so no file is opened and no page analysed during a search.
    """
    from publications.models import DocumentText

    if plan is None or plan.is_empty:
        return []
    language = language or publication.locale.language_code
    files = list(publication.files.select_related("document"))
    records = {
        r.document_id: r
        for r in DocumentText.objects.filter(
            document_id__in=[f.document_id for f in files], status=DocumentText.Status.DONE
        )
    }
    matches = []
    for item in files:
        record = records.get(item.document_id)
        if record is None:
            continue
        scored = []
        for number, tokens in enumerate(record.tokens_for(language), start=1):
            token_set = set(tokens)
            matched = sum(1 for group in plan.groups if _group_matches(group, token_set))
            if matched:
                scored.append((matched, number))
        if not scored:
            continue
        best = max(score for score, _ in scored)
        pages = [number for score, number in scored if score == best]
        excerpt = make_snippet([record.pages[pages[0] - 1]], plan, language)
        matches.append(PageMatch(file=item, pages=pages, excerpt=excerpt))
    return matches


def publication_facts(locale_id, ids=None):
    """Dates and facet values of the live, public publications of a locale: the date is the
    publication date, places are the publishers that are municipalities."""
    from publications.models import (
        PublicationPage,
        PublicationProfessionalGroup,
        PublicationPublisher,
        PublicationTheme,
    )

    pages = PublicationPage.objects.live().public().filter(locale_id=locale_id)
    if ids is not None:
        pages = pages.filter(id__in=list(ids))
    dates = dict(pages.values_list("id", "publication_date"))
    if not dates:
        return {}
    values = add_links(
        {pk: {} for pk in dates},
        pages,
        [
            (PublicationTheme, "theme__slug", "theme"),
            (PublicationProfessionalGroup, "professional_group__slug", "professional_group"),
            (PublicationPublisher, "publisher__municipality__cbs_code", "municipality"),
            (PublicationPublisher, "publisher__municipality__province__slug", "province"),
        ],
        ids=list(dates),
    )
    return {pk: Facts(pk, dates[pk], values[pk]) for pk in dates}


def location_json(locations, absolute):
    return [
        {
            "label": str(location.label),
            "url": absolute(location.url),
            "pages": list(location.pages),
            "excerpt": str(location.excerpt),
        }
        for location in locations
    ]


LOCATIONS_SCHEMA = {
    "type": "array",
    "description": "Bij een publicatie: in welk bestand, op welke pagina's de "
    "zoekwoorden staan ('gevonden op p. 12').",
    "items": {
        "type": "object",
        "properties": {
            "label": {"type": "string"},
            "url": {"type": "string", "format": "uri"},
            "pages": {"type": "array", "items": {"type": "integer"}},
            "excerpt": {"type": "string", "description": "HTML, met <mark>."},
        },
    },
}


def register():
    """Publications in search: found by their text and their files' text, in the practices' facets
    (themes, groups, and a publisher that is a municipality), with where in a file the words are."""
    from practices.models import ProfessionalGroup, Theme
    from practices.search import term_facet_values
    from publications.models import (
        PublicationPage,
        PublicationProfessionalGroup,
        PublicationPublisher,
        PublicationTheme,
        Publisher,
    )

    register_type(
        DocumentType(
            PUBLICATION_TYPE,
            _("Publicatie"),
            models=(PublicationPage,),
            document=build_publication_document,
            passages=publication_passages,
            embedding_texts=publication_embedding_texts,
            facts=publication_facts,
            facet_values=term_facet_values,
            date=lambda page: page.publication_date,
            facets=("theme", "professional_group", "municipality", "province"),
            hit_fields=(
                HitField(
                    "locations",
                    load=locate,
                    as_json=location_json,
                    schema=LOCATIONS_SCHEMA,
                    empty=[],
                ),
            ),
            hit_template="publications/includes/search_hit.html",
        )
    )
    register_label_source(Theme, linked_pages(PublicationTheme, "theme"))
    register_label_source(
        ProfessionalGroup, linked_pages(PublicationProfessionalGroup, "professional_group")
    )
    register_label_source(Publisher, linked_pages(PublicationPublisher, "publisher"))
