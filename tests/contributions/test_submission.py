"""A colleague's submission through the real form becomes a draft practice page waiting for the editors."""

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.models import WorkflowState

from contributions.models import Contribution
from contributions.services import SUBMISSIONS_COLLECTION
from practices.models import PracticePage
from tests.contributions.conftest import pdf_bytes


def submit(client, page, data, **extra):
    return client.post(page.url, data, **extra)


def test_submission_becomes_a_draft_practice_page_in_the_workflow_with_both_emails(
    client, site_with_form, valid_data
):
    response = submit(client, site_with_form["form_page"], valid_data)

    assert response.status_code == 302
    assert response["Location"].endswith("?verzonden=1")
    page = PracticePage.objects.get()
    assert not page.live
    assert page.get_parent().specific == site_with_form["index"]
    assert page.title == valid_data["title"]
    assert page.municipality == site_with_form["zwolle"]
    assert [t.slug for t in page.themes] == ["jeugd"]
    assert page.practice_date.year == 2017
    assert page.contact_name == "Anna de Vries"
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    expected = site_with_form["workflow"] or state.workflow
    assert state.workflow == expected
    contribution = Contribution.objects.get()
    assert contribution.page.pk == page.pk
    assert contribution.status == Contribution.Status.PENDING
    assert contribution.submitter_email == "bram@example.nl"
    assert contribution.consent_version and contribution.consent_given_at
    recipients = [m.to for m in mail.outbox]
    assert ["bram@example.nl"] in recipients
    assert len(mail.outbox) == 2, [m.subject for m in mail.outbox]
    editors_mail = next(m for m in mail.outbox if m.to != ["bram@example.nl"])
    assert valid_data["title"] in editors_mail.body
    assert f"/admin/pages/{page.pk}/edit/" in editors_mail.body


def test_submitter_details_never_reach_the_page(client, site_with_form, valid_data):
    submit(client, site_with_form["form_page"], valid_data)
    page = PracticePage.objects.get()
    revision_content = str(page.get_latest_revision().content)
    assert "Bram Jansen" not in revision_content
    assert "bram@example.nl" not in revision_content


def test_thank_you_page_says_what_happens_next(client, site_with_form, valid_data):
    response = submit(client, site_with_form["form_page"], valid_data, follow=True)
    html = response.content.decode()
    assert "Bedankt voor je praktijkvoorbeeld" in html
    assert "Er verschijnt niets zonder dat een redacteur ernaar heeft gekeken." in html


def test_confirmation_email_tells_submitter_what_happens_next(client, site_with_form, valid_data):
    submit(client, site_with_form["form_page"], valid_data)
    confirmation = next(m for m in mail.outbox if m.to == ["bram@example.nl"])
    # A generic subject: the form must not let anyone send mail with a subject of their choosing.
    assert confirmation.subject == "We hebben je praktijkvoorbeeld ontvangen"
    assert valid_data["title"] in confirmation.body
    assert "Wat gebeurt er nu?" in confirmation.body
    assert "90 dagen" in confirmation.body


def test_english_form_files_the_draft_under_the_english_index(client, site_with_form, valid_data):
    english_form = site_with_form["english_form_page"]
    assert english_form.url == "/en/share-your-practice/"
    data = {**valid_data, "themes": [str(site_with_form["terms"]["en"].pk)]}
    response = submit(client, english_form, data)
    assert response.status_code == 302
    page = PracticePage.objects.get()
    assert page.locale.language_code == "en"
    assert page.get_parent().pk == site_with_form["english_index"].pk
    assert [t.slug for t in page.themes] == ["youth"]
    confirmation = next(m for m in mail.outbox if m.to == ["bram@example.nl"])
    assert "What happens next?" in confirmation.body or "Wat gebeurt er nu?" in confirmation.body


def test_html_typed_into_text_fields_is_kept_as_text_not_markup(client, site_with_form, valid_data):
    data = {**valid_data, "approach": "<script>alert(1)</script> en <b>vet</b>"}
    submit(client, site_with_form["form_page"], data)
    page = PracticePage.objects.get()
    stored = page.approach[0].value.source
    assert "<script>" not in stored and "<b>" not in stored
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in stored
    rendered = page.approach.render_as_block()
    assert "<script>" not in rendered
    assert "&lt;b&gt;vet&lt;/b&gt;" in rendered


def test_blank_lines_become_separate_paragraphs(client, site_with_form, valid_data):
    submit(client, site_with_form["form_page"], valid_data)
    page = PracticePage.objects.get()
    assert [block.block_type for block in page.situation] == ["paragraph", "paragraph"]


def test_attachment_is_kept_private_until_the_page_is_published(client, site_with_form, valid_data):
    upload = SimpleUploadedFile("verslag.pdf", pdf_bytes(), content_type="application/pdf")
    submit(client, site_with_form["form_page"], {**valid_data, "attachments": [upload]})
    page = PracticePage.objects.get()
    document = page.attachments.get().document
    assert document.collection.name == SUBMISSIONS_COLLECTION
    anonymous = client.get(document.url)
    assert anonymous.status_code in (302, 403)  # the private collection sends readers to log in

    page.get_latest_revision().publish()

    document = get_document_model().objects.get(pk=document.pk)
    assert document.collection.name != SUBMISSIONS_COLLECTION
    contribution = Contribution.objects.get()
    assert contribution.status == Contribution.Status.PUBLISHED
    assert contribution.decided_at is not None


def test_former_municipality_name_is_accepted(client, site_with_form, valid_data):
    from tests.factories import MunicipalityFactory

    former = MunicipalityFactory(
        name="Zwartewaterland-Oud", cbs_code="GM9998", is_current=False, exists_2015=True
    )
    submit(client, site_with_form["form_page"], {**valid_data, "municipality": former.name})
    assert PracticePage.objects.get().municipality == former


def test_form_page_offers_municipalities_and_terms_of_its_language(client, site_with_form):
    html = client.get(site_with_form["form_page"].url).content.decode()
    assert '<option value="Zwolle"' in html
    assert "Jeugd" in html and "Youth" not in html
    english = client.get(site_with_form["english_form_page"].url).content.decode()
    assert "Youth" in english and ">Jeugd<" not in english


def test_form_fields_have_labels_hints_and_autocomplete(client, site_with_form):
    html = client.get(site_with_form["form_page"].url).content.decode()
    assert '<label class="utrecht-form-label" for="id_title">' in html
    assert 'aria-describedby="id_title_hint"' in html
    assert 'autocomplete="email"' in html and 'autocomplete="name"' in html
    assert "<legend" in html
    assert 'aria-hidden="true"' in html  # the honeypot
    assert "csrfmiddlewaretoken" in html
