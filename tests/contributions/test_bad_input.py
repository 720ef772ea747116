"""Bad input never loses anything: nothing is stored, the message sits next to the field, the text stays."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.html import escape

from tests.contributions.conftest import pdf_bytes
from tests.contributions.helpers import assert_nothing_created, assert_text_kept, counts

MB = 1024 * 1024


def post(client, site, data):
    return client.post(site["form_page"].url, data)


def errors_of(response):
    return response.context["form"].errors


@pytest.mark.parametrize(
    ("missing", "field_with_error"),
    [
        ("title", "title"),
        ("municipality", "municipality"),
        ("practice_year", "practice_year"),
        ("themes", "themes"),
        ("summary", "summary"),
        ("submitter_name", "submitter_name"),
        ("submitter_email", "submitter_email"),
        ("consent", "consent"),
    ],
)
def test_missing_required_field_is_named_and_nothing_is_lost(
    client, site_with_form, valid_data, missing, field_with_error
):
    before = counts()
    data = {k: v for k, v in valid_data.items() if k != missing}
    response = post(client, site_with_form, data)
    assert response.status_code == 200
    assert field_with_error in errors_of(response)
    assert_nothing_created(before)
    kept = [f for f in ("title", "summary", "situation", "submitter_name") if f != missing]
    assert_text_kept(response, valid_data, kept)


def test_story_without_any_of_the_four_sections_is_refused(client, site_with_form, valid_data):
    before = counts()
    data = {**valid_data, "situation": "", "approach": "  ", "results": "", "lessons": ""}
    response = post(client, site_with_form, data)
    assert "Eén onderdeel is genoeg" in response.content.decode()
    assert "situation" in errors_of(response)
    assert_nothing_created(before)
    assert_text_kept(response, valid_data, ["title", "summary"])


@pytest.mark.parametrize(
    ("field", "limit"),
    [("title", 150), ("summary", 500), ("situation", 5000), ("contact_name", 200)],
)
def test_too_long_text_is_refused_with_its_length_and_kept_whole(
    client, site_with_form, valid_data, field, limit
):
    before = counts()
    too_long = "woord " * (limit // 6 + 20)
    data = {**valid_data, field: too_long.strip()}
    response = post(client, site_with_form, data)
    message = " ".join(errors_of(response)[field])
    assert f"hoogstens {limit} tekens" in message
    assert_nothing_created(before)
    html = response.content.decode()
    assert too_long.strip() in html  # not cut off at the limit
    assert 'maxlength="' not in html.split("<form", 1)[1].split("</form>", 1)[0].split("website")[0]


def test_html_in_a_refused_form_comes_back_as_text(client, site_with_form, valid_data):
    before = counts()
    data = {**valid_data, "summary": "", "approach": '<script>alert("x")</script><img src=x>'}
    response = post(client, site_with_form, data)
    html = response.content.decode()
    assert '<script>alert("x")</script>' not in html
    assert escape('<script>alert("x")</script><img src=x>') in html
    assert_nothing_created(before)


def test_unknown_municipality_gets_a_clear_message(client, site_with_form, valid_data):
    before = counts()
    response = post(client, site_with_form, {**valid_data, "municipality": "Atlantis"})
    assert "municipality" in errors_of(response)
    assert "Atlantis" in response.content.decode()
    assert_nothing_created(before)


def test_year_in_the_future_is_refused(client, site_with_form, valid_data):
    before = counts()
    response = post(client, site_with_form, {**valid_data, "practice_year": "2999"})
    assert "practice_year" in errors_of(response)
    assert_nothing_created(before)


def test_unknown_theme_is_refused(client, site_with_form, valid_data):
    before = counts()
    response = post(client, site_with_form, {**valid_data, "themes": ["999999"]})
    assert "themes" in errors_of(response)
    assert_nothing_created(before)


def test_invalid_email_is_refused(client, site_with_form, valid_data):
    before = counts()
    response = post(client, site_with_form, {**valid_data, "submitter_email": "bram@"})
    assert "submitter_email" in errors_of(response)
    assert_nothing_created(before)
    assert "bram@" in response.content.decode()


def test_errors_are_summarised_at_the_top_with_links_to_the_fields(
    client, site_with_form, valid_data
):
    data = {**valid_data, "title": "", "themes": []}
    response = post(client, site_with_form, data)
    html = response.content.decode()
    summary = html.split('id="error-summary"', 1)[1].split("</div>", 1)[0]
    assert 'href="#id_title"' in summary
    assert 'href="#id_themes_0"' in summary
    assert html.index('id="error-summary"') < html.index('class="contribution-form"')
    assert 'aria-describedby="id_title_hint id_title_error"' in html
    assert 'aria-invalid="true"' in html
    assert '<p class="contribution-form__error" id="id_title_error">' in html
    assert "<title>Fout:" in html


def test_attachment_of_the_wrong_type_is_refused(client, site_with_form, valid_data):
    before = counts()
    fake = SimpleUploadedFile("virus.exe", b"MZ\x90\x00" + b"\x00" * 100)
    response = post(client, site_with_form, {**valid_data, "attachments": [fake]})
    assert "attachments" in errors_of(response)
    assert_nothing_created(before)
    assert_text_kept(response, valid_data)
    assert "Kies je bijlagen opnieuw" in response.content.decode()


def test_attachment_pretending_to_be_a_pdf_is_refused(client, site_with_form, valid_data):
    before = counts()
    fake = SimpleUploadedFile("verslag.pdf", b"<html>not a pdf</html>" * 10)
    response = post(client, site_with_form, {**valid_data, "attachments": [fake]})
    assert "attachments" in errors_of(response)
    assert_nothing_created(before)


def test_attachment_too_large_is_refused(client, site_with_form, valid_data, settings):
    settings.CONTRIBUTION_MAX_FILE_BYTES = 1024
    before = counts()
    big = SimpleUploadedFile("verslag.pdf", pdf_bytes() + b"%" * 2048)
    response = post(client, site_with_form, {**valid_data, "attachments": [big]})
    assert "attachments" in errors_of(response)
    assert_nothing_created(before)
    assert_text_kept(response, valid_data)


def test_attachments_over_the_total_cap_are_refused(client, site_with_form, valid_data, settings):
    pdf = pdf_bytes()
    settings.CONTRIBUTION_MAX_TOTAL_BYTES = len(pdf) * 2 - 1
    before = counts()
    files = [SimpleUploadedFile(f"deel{n}.pdf", pdf) for n in range(2)]
    response = post(client, site_with_form, {**valid_data, "attachments": files})
    assert "samen te groot" in " ".join(errors_of(response)["attachments"])
    assert_nothing_created(before)


def test_too_many_attachments_are_refused(client, site_with_form, valid_data, settings):
    settings.CONTRIBUTION_MAX_FILES = 1
    before = counts()
    files = [SimpleUploadedFile(f"deel{n}.pdf", pdf_bytes()) for n in range(2)]
    response = post(client, site_with_form, {**valid_data, "attachments": files})
    assert "attachments" in errors_of(response)
    assert_nothing_created(before)
