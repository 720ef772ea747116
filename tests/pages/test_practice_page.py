"""The practice page: sections, blocks, fact box, protected e-mail, attachments, related cases."""

import io
import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.images.models import Image

from practices.models import PracticeAttachment, PracticePage, RelatedPractice
from tests.factories import make_practice

VIDEO_URL = "https://video.example/watch/keukentafel"


def fresh(page):
    """The page as stored now (the shared fixture's object may hold a revision since rolled back)."""
    return PracticePage.objects.get(id=page.id)


@pytest.fixture
def document(db):
    document = Document(
        title="Evaluatie", file=ContentFile(b"%PDF-1.4\n" + b"x" * 20480, name="evaluatie.pdf")
    )
    document.save()
    return document


@pytest.fixture
def rich_practice(cases, document):
    """A case using every block a section can hold, with reflection questions and an attachment."""
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 20), (120, 170, 190)).save(buffer, "PNG")
    image = Image(title="Overleg", file=ImageFile(buffer, name="overleg.png"))
    image.save()
    # A stored embed, as Wagtail keeps after its first lookup: no request to the provider.
    Embed.objects.create(
        url=VIDEO_URL,
        hash=get_embed_hash(VIDEO_URL),
        type="video",
        html=f'<iframe src="{VIDEO_URL}/player" style="border:0" allowfullscreen></iframe>',
    )
    page = fresh(cases["barneveld"])
    page.approach = [
        ("paragraph", "<p>Het team bracht alles in kaart.</p>"),
        ("quote", {"text": "Voor wie doen we dit eigenlijk?", "attribution": "een teamleider"}),
        ("key_figures", [{"value": "40%", "label": "minder boekingen"}]),
        ("image", {"image": image, "alt_text": "Het team aan een lange tafel", "caption": ""}),
        (
            "video",
            {
                "video": VIDEO_URL,
                "title": "Gesprek aan de keukentafel",
                "transcript": "Wat we zeiden.",
            },
        ),
        ("document", {"document": document, "title": "Het evaluatierapport"}),
    ]
    page.reflection_questions = [("question", "Welke regel kost jullie meer dan hij oplevert?")]
    page.attachments = [PracticeAttachment(document=document, title="Bijlage evaluatie")]
    page.save_revision().publish()
    return page


def test_sections_appear_under_their_headings_in_order(client, cases):
    html = client.get(cases["barneveld"].url).content.decode()
    headings = re.findall(r'<h2 class="utrecht-heading-2" id="section-[a-z]+">([^<]+)</h2>', html)
    assert headings == ["Aanleiding", "Aanpak", "Resultaat", "Geleerde lessen"]


def test_every_section_block_is_rendered(client, rich_practice):
    html = client.get(rich_practice.url).content.decode()
    assert "Voor wie doen we dit eigenlijk?" in html and "een teamleider" in html
    assert '<span class="key-figure__value">40%</span>' in html
    assert 'alt="Het team aan een lange tafel"' in html
    assert "Gesprek aan de keukentafel" in html and "Wat we zeiden." in html
    assert '<iframe title="Gesprek aan de keukentafel"' in html
    assert "style=" not in html.split('class="video__frame"')[1].split("</div>")[0]
    assert re.search(r"Het evaluatierapport</a>\s*<span class=\"file-meta\">\(PDF, 20", html)


def test_attachments_show_file_type_and_size(client, rich_practice):
    html = client.get(rich_practice.url).content.decode()
    assert re.search(r"Bijlage evaluatie</a>\s*<span class=\"file-meta\">\(PDF, 20,0\sKB\)", html)


def test_reflection_questions_are_listed(client, rich_practice):
    html = client.get(rich_practice.url).content.decode()
    assert "Reflectievragen voor je team" in html
    assert "Welke regel kost jullie meer dan hij oplevert?" in html


def test_fact_box_links_every_term_to_its_listing_page(client, cases):
    html = client.get(cases["barneveld"].url).content.decode()
    fact_box = html.split('class="fact-box"')[1].split("</section>")[0]
    for href in (
        "/gemeente/barneveld/",
        "/provincie/gelderland/",
        "/thema/de-bedoeling/",
        "/beroepsgroep/hrm/",
        "/werkvorm/intervisie/",
        "/zoeken/?year=2017",
    ):
        assert f'href="{href}"' in fact_box
    assert "mei 2017" in fact_box


def test_contact_email_is_never_in_the_page(client, cases):
    html = client.get(cases["barneveld"].url).content.decode()
    assert "Anne de Vries" in html
    assert "anne.devries" not in html
    assert "barneveld.example" not in html
    # The share link opens a mail without an addressee (mailto:?subject=…); no address at all.
    assert not re.search(r'mailto:[^?"]', html)
    assert "Toon e-mailadres" in html


def test_show_email_button_reveals_the_address_without_javascript(client, cases):
    page = cases["barneveld"]
    response = client.post(f"/praktijkvoorbeeld/{page.id}/e-mailadres/")
    assert response.status_code == 200
    assert 'href="mailto:anne.devries@barneveld.example"' in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_show_email_answers_json_for_the_script(client, cases):
    page = cases["barneveld"]
    response = client.post(
        f"/praktijkvoorbeeld/{page.id}/e-mailadres/", HTTP_ACCEPT="application/json"
    )
    assert response.json()["email"] == "anne.devries@barneveld.example"


def test_email_address_is_not_given_to_a_plain_link(client, cases):
    page = cases["barneveld"]
    assert client.get(f"/praktijkvoorbeeld/{page.id}/e-mailadres/").status_code == 405
    other = cases["ede"]  # no e-mail address
    assert client.post(f"/praktijkvoorbeeld/{other.id}/e-mailadres/").status_code == 404


def test_breadcrumbs_lead_home_through_the_index(client, cases):
    html = client.get(cases["barneveld"].url).content.decode()
    crumbs = html.split('class="utrecht-breadcrumb-nav breadcrumbs"')[1].split("</nav>")[0]
    labels = re.findall(r">([^<>]+)</a>", crumbs)
    assert labels == ["Home", "Praktijkvoorbeelden", "Barneveld stopt met interne doorbelasting"]
    assert 'aria-current="page"' in crumbs


def test_related_cases_put_the_editors_choice_first_then_shared_themes(client, cases):
    page = fresh(cases["barneveld"])
    page.related_practices = [RelatedPractice(practice=cases["utrecht"])]
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    related = html.split('id="related-heading"')[1]
    titles = re.findall(r'practice-card__title"><a[^>]*>([^<]+)</a>', related)
    # Utrecht shares no theme with this case but was chosen; Ede shares a theme and a
    # professional group with it… no, Ede shares a theme; the second Barneveld case shares the group.
    assert titles[0] == "Utrecht voert keukentafelgesprekken"
    assert set(titles[1:]) == {
        "Ede koopt jeugdzorg in op resultaat",
        "Barneveld bespreekt casussen met huisartsen",
    }


def _queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_practice_page_costs_the_same_queries_whatever_its_related_cases(
    client, cases, django_assert_max_num_queries
):
    page = fresh(cases["barneveld"])
    page.related_practices = [RelatedPractice(practice=cases["ede"])]
    page.save_revision().publish()
    _queries_for(client, page.url)  # warm Wagtail's site and locale caches
    with_one = _queries_for(client, page.url)

    extra = [
        make_practice(
            cases["index"], f"Extra voorbeeld {n}", municipality=cases["places"]["GM0228"]
        )
        for n in range(5)
    ]
    page.related_practices = [RelatedPractice(practice=p) for p in [cases["ede"], *extra]]
    page.save_revision().publish()
    _queries_for(client, page.url)  # the first view after a change reloads the per-version caches
    with django_assert_max_num_queries(with_one):
        client.get(page.url)


def test_english_translation_links_to_english_terms(client, cases):
    html = client.get(cases["english"].url).content.decode()
    assert '<html lang="en"' in html
    assert 'href="/en/' in html.split('class="fact-box"')[1].split("</section>")[0]
    assert "/purpose-first/" in html
