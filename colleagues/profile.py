"""What a colleague's profile shows besides the profile itself: their practices, the courses and
meetings they give (from the agenda, through colleagues.activities), and the questions they answered."""

from django.db.models import Q

from colleagues.activities import activities_of


def practices_of(colleagues):
    """{colleague id: [live practices]}: the ones editors linked and the ones naming them as contact."""
    from practices.models import PracticePage

    colleagues = list(colleagues)
    if not colleagues:
        return {}
    found = {c.pk: [] for c in colleagues}
    by_name = {}
    for colleague in colleagues:
        by_name.setdefault(colleague.title.strip().lower(), []).append(colleague.pk)
    linked = (
        PracticePage.objects.live()
        .public()
        .filter(
            Q(colleague_links__page__in=[c.pk for c in colleagues])
            | Q(contact_name__in=[c.title for c in colleagues])
        )
        .distinct()
    )
    from colleagues.models import ColleaguePractice

    links = {}
    for page_id, practice_id in ColleaguePractice.objects.filter(
        page__in=[c.pk for c in colleagues]
    ).values_list("page_id", "practice_id"):
        links.setdefault(practice_id, set()).add(page_id)
    locale_of = {c.pk: c.locale_id for c in colleagues}
    for practice in linked.select_related("municipality").order_by("-practice_date", "title"):
        owners = set(links.get(practice.pk, ()))
        owners |= set(by_name.get(practice.contact_name.strip().lower(), ()))
        for owner in owners:
            if locale_of[owner] == practice.locale_id:
                found[owner].append(practice)
    return found


def answers_of(colleague):
    from colleagues.models import QuestionAnswerPage

    return list(
        QuestionAnswerPage.objects.live()
        .public()
        .filter(
            answered_by__translation_key=colleague.translation_key, locale_id=colleague.locale_id
        )
        .order_by("-answered_on")
    )


def profile_context(colleague, request):
    from colleagues.contact import contact_form_context

    return {
        "practices": practices_of([colleague])[colleague.pk],
        "activities": activities_of([colleague.pk]).get(colleague.pk, []),
        "answers": answers_of(colleague),
        **contact_form_context(colleague, request),
    }
