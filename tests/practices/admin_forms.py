"""POST data for the practice page's admin form, as an editor's browser would send it."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield


def practice_form_data(
    *,
    title,
    slug,
    municipality=None,
    themes=(),
    summary="Een korte samenvatting.",
    situation="Wat was er aan de hand?",
    organisation="",
    involved=(),
    **overrides,
):
    data = {
        "title": title,
        "slug": slug,
        "summary": summary,
        "practice_date": "2016-05-12",
        "review_date": "",
        "hero_image": "",
        "hero_image_alt": "",
        "municipality": municipality.pk if municipality else "",
        "organisation": organisation,
        "involved_municipalities": inline_formset([{"municipality": m.pk} for m in involved]),
        "practice_themes": inline_formset([{"theme": theme.pk} for theme in themes]),
        "practice_professional_groups": inline_formset([]),
        "practice_learning_forms": inline_formset([]),
        "tags": "",
        "situation": streamfield(
            [("paragraph", rich_text(f"<p>{situation}</p>"))] if situation else []
        ),
        "approach": streamfield([]),
        "results": streamfield([]),
        "lessons": streamfield([]),
        "reflection_questions": streamfield([]),
        "contact_name": "",
        "contact_role": "",
        "contact_email": "",
        "attachments": inline_formset([]),
        "related_practices": inline_formset([]),
        "external_id": "",
        "seo_title": "",
        "search_description": "",
        "comments": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)
