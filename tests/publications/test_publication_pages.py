"""The publication index and page as editors and readers meet them."""

import datetime

import pytest
from wagtail.models import Locale
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from home.site_structure import ensure_site_structure
from publications.models import DownloadCount, PublicationIndexPage, PublicationPage
from tests.factories import ProfessionalGroupFactory, ThemeFactory, make_practice
from tests.publications.helpers import (
    make_document,
    make_publication,
    make_publication_index,
    make_publisher,
    pdf_bytes,
)


class PublicationPageTypeTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = ensure_site_structure()
        cls.index = make_publication_index(cls.home)
        cls.document = make_document("Rapport", "rapport.pdf", pdf_bytes())
        cls.publication = make_publication(
            cls.index, "Rapport lerend werken", documents=[cls.document]
        )

    def setUp(self):
        self.editor = self.login()

    def test_index_and_publication_are_routable(self):
        self.assertPageIsRoutable(self.index)
        self.assertPageIsRoutable(self.publication)
        self.assertPageIsRoutable(self.publication, f"download/{self.document.pk}/")

    def test_index_and_publication_render(self):
        self.assertPageIsRenderable(self.index)
        self.assertPageIsRenderable(self.publication)
        self.assertPageIsRenderable(self.index, query_data={"q": "pagina", "jaar": "2015"})

    def test_editors_can_open_both_in_the_editor(self):
        self.assertPageIsEditable(self.index)
        self.assertPageIsEditable(self.publication)

    def test_index_and_publication_can_be_previewed(self):
        self.assertPageIsPreviewable(self.index)
        self.assertPageIsPreviewable(self.publication)

    def test_publications_live_only_under_their_index(self):
        self.assertAllowedParentPageTypes(PublicationPage, {PublicationIndexPage})
        self.assertAllowedSubpageTypes(PublicationPage, {})

    def test_editor_publishes_a_publication_with_files(self):
        publisher = make_publisher()
        second = make_document("Samenvatting", "samenvatting.pdf", pdf_bytes(["Kort."]))
        data = nested_form_data(
            {
                "title": "Nieuwe rollen in de wijk",
                "slug": "nieuwe-rollen-in-de-wijk",
                "publication_date": "2015-05-01",
                "authors": "A. Auteur, B. Schrijver",
                "summary": "Hoe professionals leren in de wijk.",
                "body": rich_text("<p>Met tips.</p>"),
                "publication_publishers": inline_formset([{"publisher": publisher.pk}]),
                "files": inline_formset(
                    [
                        {"document": self.document.pk, "title": "Volledig rapport"},
                        {"document": second.pk, "title": "Samenvatting"},
                    ]
                ),
                "publication_themes": inline_formset([]),
                "publication_professional_groups": inline_formset([]),
                "discussed_practices": inline_formset([]),
                "action-publish": "publish",
            }
        )
        self.assertCanCreate(self.index, PublicationPage, data)
        page = PublicationPage.objects.get(slug="nieuwe-rollen-in-de-wijk")
        assert page.live
        assert [f.label for f in page.files.all()] == ["Volledig rapport", "Samenvatting"]
        self.client.logout()
        response = self.client.get(page.url)
        assert b"Volledig rapport" in response.content
        assert b"(PDF, " in response.content  # type and size before clicking
        download = self.client.get(page.download_url(second.pk))
        assert download.status_code == 200
        assert DownloadCount.objects.get(document=second).count == 1


def test_page_shows_type_size_and_page_count_of_each_file(client, report, report_document):
    from django.template.defaultfilters import filesizeformat
    from django.utils import translation

    text = client.get(report.url).content.decode()
    assert f'href="{report.download_url(report_document.pk)}"' in text
    with translation.override("nl"):
        size = filesizeformat(report_document.file_size)
    assert f"(PDF, {size}, 4 pagina's)" in text


def test_cover_image_needs_alternative_text(publication_index):
    from django.core.exceptions import ValidationError
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    image = Image.objects.create(title="Omslag", file=get_test_image_file())
    page = PublicationPage(
        title="Met omslag",
        summary="x",
        publication_date=datetime.date(2015, 5, 1),
        cover_image=image,
    )
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "alternatieve tekst" in str(error.value)


def test_index_filters_by_theme_group_publisher_and_year(client, publication_index):
    theme = ThemeFactory(name="Zelfsturing", slug="zelfsturing")
    group = ProfessionalGroupFactory(name="Wijkteams", slug="wijkteams")
    vng = make_publisher()
    fonds = make_publisher("A&O fonds gemeenten", "A&O", "ao-fonds-gemeenten")
    make_publication(publication_index, "Zelfsturende teams", themes=[theme], publishers=[vng])
    make_publication(
        publication_index,
        "Wijkteams leren",
        professional_groups=[group],
        publishers=[fonds],
        publication_date=datetime.date(2017, 3, 1),
    )

    def titles(**params):
        text = client.get(publication_index.url, params).content.decode()
        found = [t for t in ("Zelfsturende teams", "Wijkteams leren") if f">{t}</a>" in text]
        return sorted(found, key=lambda t: text.index(f">{t}</a>"))

    assert titles() == ["Wijkteams leren", "Zelfsturende teams"]  # newest first
    assert titles(thema="zelfsturing") == ["Zelfsturende teams"]
    assert titles(beroepsgroep="wijkteams") == ["Wijkteams leren"]
    assert titles(uitgever="ao-fonds-gemeenten") == ["Wijkteams leren"]
    assert titles(jaar="2015") == ["Zelfsturende teams"]


def test_filter_form_is_labelled_and_keeps_the_choice(client, publication_index):
    make_publication(publication_index, "Eén publicatie")
    text = client.get(publication_index.url, {"jaar": "2015"}).content.decode()
    assert 'for="publication-filters-q"' in text
    assert 'type="radio" id="f-jaar--all" name="jaar" value=""' in text
    assert 'type="radio" id="f-jaar-2015" name="jaar" value="2015" checked>' in text
    assert 'method="get"' in text


def test_nonsense_in_the_query_string_is_not_an_error(client, publication_index):
    make_publication(publication_index, "Eén publicatie")
    response = client.get(publication_index.url, {"jaar": "twintig", "pagina": "x", "thema": "<b>"})
    assert response.status_code == 200
    assert "Dat jaar kennen we niet" in response.content.decode()


def test_practice_page_lists_the_publications_that_discuss_it(
    client, practice_index, publication_index
):
    practice = make_practice(
        practice_index,
        "Kwartiermakers in Zaanstad",
        municipality=None,
        organisation="Regio",
        themes=[ThemeFactory()],
    )
    publication = make_publication(
        publication_index, "Overheidsprofessionals werken aan nieuwe rollen", practices=[practice]
    )
    text = client.get(practice.url).content.decode()
    assert "Genoemd in publicaties" in text
    assert f'href="{publication.url}"' in text
    assert f'href="{practice.url}"' in client.get(publication.url).content.decode()


def test_english_index_lists_english_publications(client, publication_index, english_home):
    english = Locale.objects.get(language_code="en")
    index_en = publication_index.copy_for_translation(english)
    index_en.title, index_en.slug = "Publications", "publications"
    index_en.save_revision().publish()
    assert client.get("/en/publications/").status_code == 200


def test_wagtail_localize_translation_points_at_the_english_terms(
    publication_index, report_document
):
    from wagtail_localize.models import TranslationSource

    from practices.models import Theme

    english = Locale.objects.get(language_code="en")
    index_source, _ = TranslationSource.get_or_create_from_instance(publication_index)
    index_source.create_or_update_translation(english, fallback=True)
    theme = Theme.objects.get(locale__language_code="nl", slug="zelfsturende-teams")
    page = make_publication(
        publication_index, "Zelfsturing", themes=[theme], documents=[report_document]
    )
    source, _ = TranslationSource.get_or_create_from_instance(page)
    translation, _ = source.create_or_update_translation(english, fallback=True)
    assert [t.slug for t in translation.themes] == ["self-managing-teams"]
    assert [f.document_id for f in translation.files.all()] == [report_document.pk]
    assert [p.slug for p in translation.publishers] == ["vng"]


def test_publication_page_and_overview_have_breadcrumbs(client, report, publication_index):
    html = client.get(report.url).content.decode()
    crumbs = html[
        html.index('<nav class="utrecht-breadcrumb-nav') : html.index(
            "</nav>", html.index('<nav class="utrecht-breadcrumb-nav')
        )
    ]
    assert 'href="/">Home</a>' in crumbs
    assert f'href="{publication_index.url}">{publication_index.title}</a>' in crumbs
    assert f'aria-current="page">{report.title}</a>' in crumbs
    overview = client.get(publication_index.url).content.decode()
    assert 'class="utrecht-breadcrumb-nav breadcrumbs"' in overview
